package org.postern.intake;

import org.postern.recipients.RecipientRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The fingerprints of the keys submissions are encrypted to, for anyone to compare with those the organization
 * publishes elsewhere. Only keys that receive submissions now (approved and still valid) are listed, and only
 * their fingerprints: user IDs would name the investigators to every visitor. The organisation's recovery key,
 * if there is one, is marked as such.
 */
@Controller
class FingerprintsController {

    private final RecipientRegistry recipients;

    FingerprintsController(RecipientRegistry recipients) {
        this.recipients = recipients;
    }

    @GetMapping("/fingerprints")
    String fingerprints(Model model) {
        String recovery = recipients.recoveryKey().map(k -> k.fingerprint()).orElse("");
        model.addAttribute("fingerprints", recipients.activeRecipients().stream()
                .map(k -> new Listed(k.groupedFingerprint(), k.fingerprint().equals(recovery)))
                .sorted(java.util.Comparator.comparing(Listed::recovery).thenComparing(Listed::fingerprint)).toList());
        return "intake/fingerprints";
    }

    /** The recovery key is marked, so that sources see that one key is the organisation's, not a person's. */
    record Listed(String fingerprint, boolean recovery) {
    }
}
