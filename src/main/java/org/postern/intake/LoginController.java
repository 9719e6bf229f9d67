package org.postern.intake;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameGenerator;
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
    private final CodenameGenerator generator;

    LoginController(SourceAccounts accounts, CodenameAttemptLimiter limiter, CodenameGenerator generator) {
        this.accounts = accounts;
        this.limiter = limiter;
        this.generator = generator;
    }

    @GetMapping("/login")
    String form() {
        return "intake/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(name = "codename", required = false) String input, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Codename codename;
        try {
            codename = Codename.parse(input);
            if (!generator.couldHaveMade(codename)) {
                return refuse(response, model);
            }
        } catch (IllegalArgumentException notACodename) {
            return refuse(response, model); // no lookup, so nothing from the guessing budget
        }
        Optional<CodenameAttemptLimiter.Turn> turn;
        try {
            turn = limiter.awaitTurn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = Optional.empty();
        }
        if (turn.isEmpty()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "intake/busy";
        }
        SourceAccounts.LoginResult result = accounts.logIn(codename, request, response);
        if (result != SourceAccounts.LoginResult.UNKNOWN) {
            turn.get().giveBack(); // only a failed lookup spends the budget
        }
        return switch (result) {
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
