package org.postern.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.crypto.Codename;
import org.postern.intake.internal.CodenameAttemptLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Returning sources log in with their codename. Every failure reads the same. */
@Controller
class LoginController {

    /** The message key of the one answer every failure gets. */
    static final String GENERIC_ERROR = "login.error";

    private final SourceAccounts accounts;
    private final CodenameAttemptLimiter limiter;

    LoginController(SourceAccounts accounts, CodenameAttemptLimiter limiter) {
        this.accounts = accounts;
        this.limiter = limiter;
    }

    @GetMapping("/login")
    String form() {
        return "intake/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(name = "codename", required = false) String input, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!limiter.tryAcquire()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "intake/busy";
        }
        Codename codename;
        try {
            codename = Codename.parse(input);
        } catch (IllegalArgumentException notACodename) {
            return refuse(response, model);
        }
        return switch (accounts.logIn(codename, request, response)) {
            case OK -> "redirect:/lookup";
            case UNKNOWN -> refuse(response, model);
            case BUSY -> {
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                yield "intake/busy";
            }
        };
    }

    private static String refuse(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("error", GENERIC_ERROR);
        model.addAttribute("pickerPath", "/login");
        return "intake/login";
    }
}
