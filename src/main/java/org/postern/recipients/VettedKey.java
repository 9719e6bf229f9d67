package org.postern.recipients;

import java.time.LocalDate;
import java.util.List;

import org.postern.crypto.Fingerprints;

/**
 * A recipient key as the console shows it: who owns it, and who approved it when. Owner and approver names
 * are null for the operator's keys, which belong to no account. A recovery key belongs to no account either;
 * in the console one admin proposes it and another approves it. A retired key names its former owner.
 */
public record VettedKey(String fingerprint, String userIds, String algorithm, LocalDate expiresOn,
        KeyOrigin origin, KeyStatus status, LocalDate addedOn, String ownerId, String ownerName,
        String approvedById, String approvedByName, LocalDate approvedOn, boolean recovery, String proposedById,
        String proposedByName, String formerOwnerName) {

    public String groupedFingerprint() {
        return Fingerprints.grouped(fingerprint);
    }

    public List<String> userIdList() {
        return userIds.isEmpty() ? List.of() : List.of(userIds.split("\n"));
    }

    public boolean isOwnedBy(String accountId) {
        return ownerId != null && ownerId.equals(accountId);
    }

    public boolean isOperatorKey() {
        return origin == KeyOrigin.OPERATOR;
    }

    public KeyExpiry expiry(LocalDate today) {
        return KeyExpiry.of(expiresOn, today);
    }
}
