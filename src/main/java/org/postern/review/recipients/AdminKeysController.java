package org.postern.review.recipients;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.recipients.KeyExpiry;
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
import org.springframework.web.server.ResponseStatusException;

/** Admins approve keys after an out-of-band fingerprint check, and remove any key, the operator's included. */
@Controller
class AdminKeysController {

    private final KeyVetting vetting;
    private final ConsoleText text;

    AdminKeysController(KeyVetting vetting, ConsoleText text) {
        this.vetting = vetting;
        this.text = text;
    }

    @GetMapping("/admin/keys")
    String keys(@AuthenticationPrincipal ConsoleUser me, Model model) {
        boolean twoPersonRule = vetting.twoPersonRuleApplies();
        var rows = KeyRow.of(text, vetting.all(), vetting.today(), me.accountId(), twoPersonRule, vetting::storedFilesFor);
        model.addAttribute("rows", rows);
        model.addAttribute("twoPersonRule", twoPersonRule);
        // Removing or losing the last live key closes the source side; say so where it would happen. The recovery
        // key alone does not keep it open: it is offline, and nobody would read what arrives.
        model.addAttribute("noneReceiving", rows.stream().noneMatch(r -> !r.pending() && !r.retired()
                && !r.key().recovery() && r.expiry().state() != KeyExpiry.State.EXPIRED));
        return "review/admin/keys";
    }

    @PostMapping("/admin/keys/{fingerprint}/approve")
    String approve(@AuthenticationPrincipal ConsoleUser me, @PathVariable String fingerprint,
            @RequestParam(required = false) String checked, HttpServletResponse response, Model model) {
        // The box stands for the one step the server cannot check: the admin spoke to the key's owner.
        if (!"yes".equals(checked)) {
            Refusals.show(response, model, HttpStatus.BAD_REQUEST, text.of("keys.confirmCheck"));
            return keys(me, model);
        }
        try {
            vetting.approve(fingerprint, me.accountId());
            return "redirect:/admin/keys?approved";
        } catch (VettingRefused e) {
            Refusals.show(response, model, text, e);
            return keys(me, model);
        }
    }

    /** One admin proposes the organisation recovery key; another approves it like any key. */
    @PostMapping("/admin/keys/recovery")
    String proposeRecovery(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String armored,
            HttpServletResponse response, Model model) {
        try {
            vetting.proposeRecovery(me.accountId(), armored == null ? "" : armored);
            return "redirect:/admin/keys?recoveryProposed";
        } catch (KeyRejectedException e) {
            Refusals.show(response, model, HttpStatus.BAD_REQUEST, Refusals.reason(text, e));
            return keys(me, model);
        } catch (VettingRefused e) {
            Refusals.show(response, model, text, e);
            return keys(me, model);
        }
    }

    /** Removing goes through this page first; when the key is the last one receiving, it says intake stops. */
    @GetMapping("/admin/keys/{fingerprint}/remove")
    String confirmRemove(@AuthenticationPrincipal ConsoleUser me, @PathVariable String fingerprint, Model model) {
        var rows = KeyRow.of(text, vetting.all(), vetting.today(), me.accountId(), vetting.twoPersonRuleApplies(),
                vetting::storedFilesFor);
        KeyRow row = rows.stream().filter(r -> r.key().fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean receiving = receiving(row);
        long othersReceiving = rows.stream().filter(r -> r != row && receiving(r)).count();
        model.addAttribute("row", row);
        model.addAttribute("lastReceiving", receiving && othersReceiving == 0);
        return "review/admin/remove-key";
    }

    private static boolean receiving(KeyRow row) {
        return !row.pending() && !row.retired() && !row.key().recovery()
                && row.expiry().state() != KeyExpiry.State.EXPIRED;
    }

    @PostMapping("/admin/keys/{fingerprint}/remove")
    String remove(@AuthenticationPrincipal ConsoleUser me, @PathVariable String fingerprint,
            HttpServletResponse response, Model model) {
        try {
            vetting.removeAny(fingerprint, me.accountId());
            return "redirect:/admin/keys?removed";
        } catch (VettingRefused e) {
            Refusals.show(response, model, text, e);
            return keys(me, model);
        }
    }
}
