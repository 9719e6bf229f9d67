package org.postern.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameGenerator;
import org.postern.recipients.RecipientRegistry;
import org.postern.sources.SourceRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** First contact: the landing page, a new codename, and creating the source behind it. */
@Controller
class LandingController {

    static final String NEW_CODENAME = LandingController.class.getName() + ".newCodename";

    private final RecipientRegistry recipients;
    private final CodenameGenerator codenames;
    private final SourceAccounts accounts;
    private final SourceRepository sources;

    LandingController(RecipientRegistry recipients, CodenameGenerator codenames, SourceAccounts accounts,
            SourceRepository sources) {
        this.sources = sources;
        this.recipients = recipients;
        this.codenames = codenames;
        this.accounts = accounts;
    }

    @GetMapping("/")
    String landing(Model model) {
        boolean accepting = recipients.acceptsSubmissions();
        model.addAttribute("accepting", accepting);
        model.addAttribute("paused", !accepting && wasInService());
        return "intake/landing";
    }

    @GetMapping("/generate")
    String generate(HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        // Back from the lookup page lands here: a fresh codename now would make a second source by accident.
        if (SourceSession.currentSourceId().isPresent()) {
            return toLookupStillLoggedIn(redirect);
        }
        if (!recipients.acceptsSubmissions()) {
            return notAccepting(response, model);
        }
        Codename codename = codenames.generate();
        request.getSession(true).setAttribute(NEW_CODENAME, new PendingCodename(codename));
        model.addAttribute("codename", codename.revealToSource());
        return "intake/codename";
    }

    @PostMapping("/create")
    String create(HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        if (SourceSession.currentSourceId().isPresent()) {
            return toLookupStillLoggedIn(redirect);
        }
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(NEW_CODENAME) instanceof PendingCodename pending)) {
            return "redirect:/generate";
        }
        if (!recipients.acceptsSubmissions()) {
            return notAccepting(response, model);
        }
        // No guessing budget here: the server makes the codename, and Argon2's slots already bound the cost.
        return accounts.create(pending.codename(), request, response, model)
                .map(ok -> {
                    session.removeAttribute(NEW_CODENAME);
                    return "redirect:/lookup?new";
                })
                .orElse("intake/busy");
    }

    /** Once sources exist, keys that are gone mean a pause, not a service that was never set up. */
    private boolean wasInService() {
        return sources.count() > 0;
    }

    private String notAccepting(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("paused", wasInService());
        return "intake/not-accepting";
    }

    private static String toLookupStillLoggedIn(RedirectAttributes redirect) {
        redirect.addFlashAttribute("alreadyLoggedIn", true);
        return "redirect:/lookup";
    }

    /** Not serializable: a new codename stays in memory until the source is created. */
    record PendingCodename(Codename codename) {
    }
}
