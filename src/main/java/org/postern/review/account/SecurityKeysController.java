package org.postern.review.account;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.accounts.SecurityKeyRequirement;
import org.postern.accounts.SecurityKeys;
import org.postern.review.ConsoleUser;
import org.postern.review.ConsoleText;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A person's own security keys. Enrolling needs the browser's WebAuthn API, so the page's script posts to
 * Spring Security's {@code /webauthn/register}; removing is a plain form. Either change ends every session of
 * the account, this one included.
 */
@Controller
class SecurityKeysController {

    private final SecurityKeys keys;
    private final SecurityKeyRequirement required;

    private final ConsoleText text;

    SecurityKeysController(SecurityKeys keys, SecurityKeyRequirement required, ConsoleText text) {
        this.keys = keys;
        this.text = text;
        this.required = required;
    }

    @GetMapping("/account/security-keys")
    String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
        model.addAttribute("keys", keys.of(me.accountId()));
        model.addAttribute("keysRequired", required.isOn());
        model.addAttribute("maxLabel", SecurityKeys.MAX_LABEL);
        return "review/security-keys";
    }

    @PostMapping("/account/security-keys/{credentialId}/remove")
    String remove(@AuthenticationPrincipal ConsoleUser me, @PathVariable String credentialId,
            HttpServletResponse response, Model model) {
        if (!keys.remove(me.accountId(), credentialId, me.username())) {
            // Another account's key, or none: the same answer, and nothing changes.
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("error", text.of("securityKeys.noSuchKey"));
            return list(me, model);
        }
        return "redirect:/login?key-removed";
    }
}
