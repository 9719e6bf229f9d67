package org.postern.intake;

import org.postern.crypto.RecipientKey;
import org.postern.keys.RecipientRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The fingerprints of the keys submissions are encrypted to, for anyone to compare with those the organization
 * publishes elsewhere. Only keys that receive submissions now (approved and still valid) are listed, and only
 * their fingerprints: user IDs would name the investigators to every visitor.
 */
@Controller
class FingerprintsController {

    private final RecipientRegistry recipients;

    FingerprintsController(RecipientRegistry recipients) {
        this.recipients = recipients;
    }

    @GetMapping("/fingerprints")
    String fingerprints(Model model) {
        model.addAttribute("fingerprints",
                recipients.activeRecipients().stream().map(RecipientKey::groupedFingerprint).sorted().toList());
        return "intake/fingerprints";
    }
}
