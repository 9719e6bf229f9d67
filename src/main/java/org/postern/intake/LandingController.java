package org.postern.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameGenerator;
import org.postern.keys.RecipientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** First contact: the landing page, a new codename, and creating the source behind it. */
@Controller
class LandingController {

    static final String NEW_CODENAME = LandingController.class.getName() + ".newCodename";

    private final RecipientRegistry recipients;
    private final CodenameGenerator codenames;
    private final SourceAccounts accounts;

    LandingController(RecipientRegistry recipients, CodenameGenerator codenames, SourceAccounts accounts) {
        this.recipients = recipients;
        this.codenames = codenames;
        this.accounts = accounts;
    }

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute("accepting", recipients.acceptsSubmissions());
        return "intake/landing";
    }

    @GetMapping("/generate")
    String generate(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!recipients.acceptsSubmissions()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return "intake/not-accepting";
        }
        Codename codename = codenames.generate();
        request.getSession(true).setAttribute(NEW_CODENAME, new PendingCodename(codename));
        model.addAttribute("codename", codename.revealToSource());
        return "intake/codename";
    }

    @PostMapping("/create")
    String create(HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(NEW_CODENAME) instanceof PendingCodename pending)) {
            return "redirect:/generate";
        }
        if (!recipients.acceptsSubmissions()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return "intake/not-accepting";
        }
        // No guessing budget here: the server makes the codename, and Argon2's slots already bound the cost.
        return accounts.create(pending.codename(), request, response, model)
                .map(ok -> {
                    session.removeAttribute(NEW_CODENAME);
                    return "redirect:/lookup?new";
                })
                .orElse("intake/busy");
    }

    /** Not serializable: a new codename stays in memory until the source is created. */
    record PendingCodename(Codename codename) {
    }
}
