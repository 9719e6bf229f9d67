package org.postern.review.enrol;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.accounts.Account;
import org.postern.accounts.AccountEnrolment;
import org.postern.accounts.AccountRepository;
import org.postern.accounts.EnrolmentRefused;
import org.postern.accounts.EnrolmentRequest;
import org.postern.accounts.Invitation;
import org.postern.accounts.Invitations;
import org.postern.accounts.SetupTokens;
import org.postern.accounts.Totp;
import org.postern.crypto.SecretBytes;
import org.postern.organization.OrganizationProfile;
import org.postern.review.ConsoleText;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Setup of the first admin, acceptance of an invitation, and re-enrolment of a second factor. A new account is
 * made in two steps, because without script the QR code cannot follow what is typed: first the user name (and
 * the setup token), then a password and a TOTP secret shown as a QR code labelled with the organisation and
 * that name, proved with a current code before anything is created.
 */
@Controller
class EnrolmentController {

    private static final String PENDING = EnrolmentController.class.getName() + ".pending";

    private final AccountEnrolment enrolment;
    private final SetupTokens setup;
    private final Invitations invitations;
    private final AccountRepository accounts;
    private final Totp totp;
    private final PassphraseSuggestion passphrases;
    private final OrganizationProfile organization;
    private final ConsoleText text;

    EnrolmentController(AccountEnrolment enrolment, SetupTokens setup, Invitations invitations,
            AccountRepository accounts, Totp totp, PassphraseSuggestion passphrases,
            OrganizationProfile organization, ConsoleText text) {
        this.enrolment = enrolment;
        this.setup = setup;
        this.invitations = invitations;
        this.accounts = accounts;
        this.totp = totp;
        this.passphrases = passphrases;
        this.organization = organization;
        this.text = text;
    }

    @GetMapping("/setup")
    String setupForm(HttpSession session, HttpServletResponse response, Model model) {
        if (!setup.isSetupOpen()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "review/setup-closed";
        }
        return nameForm(session, model, "setup", "/setup", true);
    }

    @PostMapping(path = "/setup", params = "step=name")
    String setupName(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
            HttpSession session, HttpServletResponse response, Model model) {
        if (!setup.isSetupOpen()) {
            return "redirect:/setup";
        }
        keepTyped(model, token, username);
        if (!setup.matches(token)) {
            return refusedName(session, response, model, "setup", "/setup", true, "enrol.tokenWrong", null);
        }
        return chosenName(session, response, model, "setup", "/setup", true, token, username);
    }

    @PostMapping("/setup")
    String setup(@RequestParam(required = false) String password, @RequestParam(required = false) String code,
            HttpSession session, HttpServletResponse response, Model model) {
        return complete(session, response, model, "setup", "/setup",
                p -> enrolment.setUpFirstAdmin(new EnrolmentRequest(p.token(), p.username(), password, p.secret(),
                        code)));
    }

    @GetMapping("/invite/{token}")
    String inviteForm(@PathVariable String token, HttpSession session, HttpServletResponse response, Model model) {
        if (invitations.peek(token).filter(i -> !i.isReEnrolment()).isEmpty()) {
            return invalidLink(response);
        }
        return nameForm(session, model, "invite", "/invite/" + token, false);
    }

    @PostMapping(path = "/invite/{token}", params = "step=name")
    String inviteName(@PathVariable String token, @RequestParam(required = false) String username,
            HttpSession session, HttpServletResponse response, Model model) {
        if (invitations.peek(token).filter(i -> !i.isReEnrolment()).isEmpty()) {
            return "redirect:/invite/" + token;
        }
        keepTyped(model, null, username);
        return chosenName(session, response, model, "invite", "/invite/" + token, false, token, username);
    }

    @PostMapping("/invite/{token}")
    String invite(@PathVariable String token, @RequestParam(required = false) String password,
            @RequestParam(required = false) String code, HttpSession session, HttpServletResponse response,
            Model model) {
        return complete(session, response, model, "invite", "/invite/" + token,
                p -> enrolment.acceptInvitation(new EnrolmentRequest(token, p.username(), password, p.secret(),
                        code)));
    }

    @GetMapping("/reenrol/{token}")
    String reEnrolForm(@PathVariable String token, HttpSession session, HttpServletResponse response, Model model) {
        var account = invitations.peek(token).filter(Invitation::isReEnrolment)
                .flatMap(i -> accounts.findById(i.accountId()));
        if (account.isEmpty()) {
            return invalidLink(response);
        }
        String action = "/reenrol/" + token;
        pending(session, action, account.get().username(), null);
        return codeForm(session, model, "reenrol", action);
    }

    @PostMapping("/reenrol/{token}")
    String reEnrol(@PathVariable String token, @RequestParam(required = false) String password,
            @RequestParam(required = false) String code, HttpSession session, HttpServletResponse response,
            Model model) {
        return complete(session, response, model, "reenrol", "/reenrol/" + token,
                p -> enrolment.reEnrol(new EnrolmentRequest(token, null, password, p.secret(), code)));
    }

    /** A refused form comes back with what was typed, except the password and the code. */
    private static void keepTyped(Model model, String token, String username) {
        model.addAttribute("typedToken", token == null ? "" : token.strip());
        model.addAttribute("typedUsername", username == null ? "" : username.strip());
    }

    /** Step one: the user name (and for setup the token). Coming back to it keeps the name chosen before. */
    private String nameForm(HttpSession session, Model model, String mode, String action, boolean askToken) {
        if (!model.containsAttribute("typedUsername")) {
            boolean same = session.getAttribute(PENDING) instanceof Pending p && p.action().equals(action);
            keepTyped(model, null, same ? ((Pending) session.getAttribute(PENDING)).username() : null);
        }
        model.addAttribute("step", "name");
        model.addAttribute("reserved", String.join(", ", new java.util.TreeSet<>(AccountEnrolment.RESERVED)));
        model.addAttribute("mode", mode);
        model.addAttribute("action", action);
        model.addAttribute("askToken", askToken);
        return "review/enrol";
    }

    private String chosenName(HttpSession session, HttpServletResponse response, Model model, String mode,
            String action, boolean askToken, String token, String username) {
        String name = username == null ? null : username.strip();
        try {
            enrolment.checkUsername(name);
        } catch (EnrolmentRefused refused) {
            return refusedName(session, response, model, mode, action, askToken, null, text.of(refused.reason()));
        }
        pending(session, action, name, token == null ? null : token.strip());
        return codeForm(session, model, mode, action);
    }

    private String refusedName(HttpSession session, HttpServletResponse response, Model model, String mode,
            String action, boolean askToken, String errorKey, String error) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("errorKey", errorKey);
        model.addAttribute("error", error);
        return nameForm(session, model, mode, action, askToken);
    }

    /** Step two: the QR code, labelled "organisation:user name" with the organisation as issuer. */
    private String codeForm(HttpSession session, Model model, String mode, String action) {
        Pending pending = (Pending) session.getAttribute(PENDING);
        String issuer = organization.current().name();
        model.addAttribute("step", "code");
        model.addAttribute("mode", mode);
        model.addAttribute("action", action);
        model.addAttribute("chosenUsername", pending.username());
        model.addAttribute("appLabel", issuer + ":" + pending.username());
        model.addAttribute("suggestion", passphrases.suggest());
        model.addAttribute("qrSvg", QrSvg.render(Totp.otpauthUri(issuer, pending.username(), pending.secret())));
        model.addAttribute("totpSecret", Totp.base32(pending.secret()));
        return "review/enrol";
    }

    private String complete(HttpSession session, HttpServletResponse response, Model model, String mode,
            String action, Enrol step) {
        if (!(session.getAttribute(PENDING) instanceof Pending pending) || !pending.action().equals(action)) {
            return "redirect:" + action;
        }
        try {
            step.run(pending);
            session.removeAttribute(PENDING);
            return "redirect:/login?enrolled";
        } catch (EnrolmentRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of(refused.reason()));
            return codeForm(session, model, mode, action);
        }
    }

    /** Keeps the secret while the link and name stay the same, so that going back does not mean scanning again. */
    private void pending(HttpSession session, String action, String username, String token) {
        if (session.getAttribute(PENDING) instanceof Pending p && p.action().equals(action)
                && p.username().equals(username)) {
            session.setAttribute(PENDING, new Pending(action, username, token, p.secret()));
            return;
        }
        session.setAttribute(PENDING, new Pending(action, username, token, totp.newSecret()));
    }

    private static String invalidLink(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "review/invalid-link";
    }

    @FunctionalInterface
    private interface Enrol {
        Account run(Pending pending) throws EnrolmentRefused;
    }

    /**
     * The enrolment under way, in memory only: which link, the chosen name, the setup token, and the TOTP secret
     * shown in the QR code until a code proves the app has it.
     */
    private record Pending(String action, String username, String token, SecretBytes secret) {
        @Override
        public String toString() {
            return "Pending[REDACTED]";
        }
    }
}
