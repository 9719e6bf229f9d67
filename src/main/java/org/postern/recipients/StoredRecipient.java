package org.postern.recipients;

import java.time.LocalDate;

import org.postern.crypto.Fingerprints;

/** A recipient key row, as listed to operators and admins. */
public record StoredRecipient(String fingerprint, String userIds, String algorithm, LocalDate expiresOn,
        KeyOrigin origin, KeyStatus status, LocalDate addedOn, String armored, boolean recovery) {

    public String groupedFingerprint() {
        return Fingerprints.grouped(fingerprint);
    }
}
