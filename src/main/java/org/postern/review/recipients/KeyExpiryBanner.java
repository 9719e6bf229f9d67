package org.postern.review.recipients;

import org.postern.recipients.KeyVetting;
import org.postern.review.ConsoleUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells admins on every console page when an approved key expires within the warning period: a recipient that
 * silently drops out stops receiving submissions, and nobody would notice until a source's message is missed.
 */
@ControllerAdvice(basePackageClasses = ConsoleUser.class)
class KeyExpiryBanner {

    private final KeyVetting vetting;

    KeyExpiryBanner(KeyVetting vetting) {
        this.vetting = vetting;
    }

    @ModelAttribute
    void banner(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = auth != null && auth.getPrincipal() instanceof ConsoleUser user && user.isAdmin();
        model.addAttribute("keyExpiryWarning", admin && vetting.approvedKeyExpiresSoon());
    }
}
