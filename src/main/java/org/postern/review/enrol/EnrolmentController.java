package org.postern.review.enrol;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.accounts.Account;
import org.postern.accounts.AccountEnrolment;
import org.postern.accounts.EnrolmentRefused;
import org.postern.accounts.EnrolmentRequest;
import org.postern.accounts.Invitation;
import org.postern.accounts.Invitations;
import org.postern.accounts.SetupTokens;
import org.postern.crypto.SecretBytes;
import org.postern.crypto.Totp;
import org.postern.organization.OrganizationProfile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Setup of the first admin, acceptance of an invitation, and re-enrolment of a second factor: one form, a
 * password and a TOTP secret shown as a QR code, proved with a current code before anything is created.
 */
@Controller
class EnrolmentController {

    private static final String PENDING_SECRET = EnrolmentController.class.getName() + ".totp";

    private final AccountEnrolment enrolment;
    private final SetupTokens setup;
    private final Invitations invitations;
    private final Totp totp;
    private final PassphraseSuggestion passphrases;
    private final OrganizationProfile organization;

    EnrolmentController(AccountEnrolment enrolment, SetupTokens setup, Invitations invitations, Totp totp,
            PassphraseSuggestion passphrases, OrganizationProfile organization) {
        this.enrolment = enrolment;
        this.setup = setup;
        this.invitations = invitations;
        this.totp = totp;
        this.passphrases = passphrases;
        this.organization = organization;
    }

    @GetMapping("/setup")
    String setupForm(HttpSession session, HttpServletResponse response, Model model) {
        if (!setup.isSetupOpen()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "review/setup-closed";
        }
        return form(session, model, "setup", "/setup", true);
    }

    @PostMapping("/setup")
    String setup(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
            @RequestParam(required = false) String password, @RequestParam(required = false) String code,
            HttpSession session, HttpServletResponse response, Model model) {
        keepTyped(model, token, username);
        return complete(session, response, model, "setup", "/setup", true,
                secret -> enrolment.setUpFirstAdmin(new EnrolmentRequest(token, username, password, secret, code)));
    }

    @GetMapping("/invite/{token}")
    String inviteForm(@PathVariable String token, HttpSession session, HttpServletResponse response, Model model) {
        if (invitations.peek(token).filter(i -> !i.isReEnrolment()).isEmpty()) {
            return invalidLink(response);
        }
        return form(session, model, "invite", "/invite/" + token, false);
    }

    @PostMapping("/invite/{token}")
    String invite(@PathVariable String token, @RequestParam(required = false) String username,
            @RequestParam(required = false) String password, @RequestParam(required = false) String code,
            HttpSession session, HttpServletResponse response, Model model) {
        keepTyped(model, null, username);
        return complete(session, response, model, "invite", "/invite/" + token, false,
                secret -> enrolment.acceptInvitation(new EnrolmentRequest(token, username, password, secret, code)));
    }

    @GetMapping("/reenrol/{token}")
    String reEnrolForm(@PathVariable String token, HttpSession session, HttpServletResponse response, Model model) {
        if (invitations.peek(token).filter(Invitation::isReEnrolment).isEmpty()) {
            return invalidLink(response);
        }
        return form(session, model, "reenrol", "/reenrol/" + token, false);
    }

    @PostMapping("/reenrol/{token}")
    String reEnrol(@PathVariable String token, @RequestParam(required = false) String password,
            @RequestParam(required = false) String code, HttpSession session, HttpServletResponse response,
            Model model) {
        return complete(session, response, model, "reenrol", "/reenrol/" + token, false,
                secret -> enrolment.reEnrol(new EnrolmentRequest(token, null, password, secret, code)));
    }

    /** A refused form comes back with what was typed, except the password and the code. */
    private static void keepTyped(Model model, String token, String username) {
        model.addAttribute("typedToken", token == null ? "" : token.strip());
        model.addAttribute("typedUsername", username == null ? "" : username.strip());
    }

    private String form(HttpSession session, Model model, String mode, String action, boolean askToken) {
        SecretBytes secret = pendingSecret(session);
        model.addAttribute("reserved", String.join(", ", new java.util.TreeSet<>(AccountEnrolment.RESERVED)));
        model.addAttribute("mode", mode);
        model.addAttribute("action", action);
        model.addAttribute("askToken", askToken);
        model.addAttribute("suggestion", passphrases.suggest());
        // The app lists the entry as "organization (Postern): user", so that one phone can hold several.
        // Only a name that could be one goes into the QR code: a refused 100 KB name would not fit in it.
        String user = model.getAttribute("typedUsername") instanceof String typed
                && AccountEnrolment.isWellFormedUsername(typed) ? typed
                : model.getAttribute("invitedUsername") instanceof String invited ? invited : "console";
        model.addAttribute("qrSvg", QrSvg.render(Totp.otpauthUri(organization.current().name() + " (Postern)",
                user, secret)));
        model.addAttribute("totpSecret", Totp.base32(secret));
        return "review/enrol";
    }

    private String complete(HttpSession session, HttpServletResponse response, Model model, String mode,
            String action, boolean askToken, Enrol step) {
        if (!(session.getAttribute(PENDING_SECRET) instanceof PendingSecret pending)) {
            return "redirect:" + action;
        }
        try {
            step.run(pending.secret());
            session.removeAttribute(PENDING_SECRET);
            return "redirect:/login?enrolled";
        } catch (EnrolmentRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", refused.getMessage());
            return form(session, model, mode, action, askToken);
        }
    }

    private SecretBytes pendingSecret(HttpSession session) {
        if (session.getAttribute(PENDING_SECRET) instanceof PendingSecret pending) {
            return pending.secret();
        }
        SecretBytes fresh = totp.newSecret();
        session.setAttribute(PENDING_SECRET, new PendingSecret(fresh));
        return fresh;
    }

    private static String invalidLink(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "review/invalid-link";
    }

    @FunctionalInterface
    private interface Enrol {
        Account run(SecretBytes secret) throws EnrolmentRefused;
    }

    /** The TOTP secret shown in the QR code, kept in memory until the code proves the app has it. */
    private record PendingSecret(SecretBytes secret) {
    }
}
