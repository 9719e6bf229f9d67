package org.postern.review.recipients;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.crypto.KeyRejectedException;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.VettingRefused;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Each person's own recipient key: uploaded as armored text (no multipart, so nothing is buffered to temp
 * files), pending until an admin approves it, removable by its owner only. Admins included: here they act on
 * their own keys like anyone else, and on other people's keys only under /admin/keys.
 */
@Controller
class OwnKeyController {

    private final KeyVetting vetting;
    private final ConsoleText text;

    OwnKeyController(KeyVetting vetting, ConsoleText text) {
        this.vetting = vetting;
        this.text = text;
    }

    @GetMapping("/keys")
    String keys(@AuthenticationPrincipal ConsoleUser me, Model model) {
        model.addAttribute("rows", KeyRow.of(text, vetting.ownedBy(me.accountId()), vetting.today(), me.accountId(),
                vetting.twoPersonRuleApplies()));
        return "review/keys";
    }

    @PostMapping("/keys")
    String upload(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String armored,
            HttpServletResponse response, Model model) {
        try {
            vetting.upload(me.accountId(), armored);
            return "redirect:/keys?uploaded";
        } catch (KeyRejectedException e) {
            Refusals.show(response, model, HttpStatus.BAD_REQUEST,
                    text.of("myKey.refused", Refusals.reason(text, e)));
        } catch (VettingRefused e) {
            Refusals.show(response, model, text, e);
        }
        return keys(me, model);
    }

    @PostMapping("/keys/{fingerprint}/remove")
    String remove(@AuthenticationPrincipal ConsoleUser me, @PathVariable String fingerprint,
            HttpServletResponse response, Model model) {
        try {
            vetting.removeOwn(fingerprint, me.accountId());
            return "redirect:/keys?removed";
        } catch (VettingRefused e) {
            Refusals.show(response, model, text, e);
            return keys(me, model);
        }
    }
}
