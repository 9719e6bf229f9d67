package org.postern.review.keys;

import java.time.LocalDate;
import java.util.List;

import org.postern.keys.KeyExpiry;
import org.postern.keys.KeyStatus;
import org.postern.keys.VettedKey;

/**
 * One key as a console page lists it, with the labels worked out here rather than in the template. The methods
 * the templates call are public for Thymeleaf's expression language.
 */
record KeyRow(VettedKey key, KeyExpiry expiry, boolean replacement, boolean selfApprovalBlocked, long storedFiles) {

    /**
     * @param viewerId      the account looking at the page
     * @param twoPersonRule whether an admin's own key needs another admin
     */
    static List<KeyRow> of(List<VettedKey> keys, LocalDate today, String viewerId, boolean twoPersonRule) {
        return of(keys, today, viewerId, twoPersonRule, fingerprint -> 0L);
    }

    /** @param storedFiles how many stored submissions and replies were encrypted to a key */
    static List<KeyRow> of(List<VettedKey> keys, LocalDate today, String viewerId, boolean twoPersonRule,
            java.util.function.ToLongFunction<String> storedFiles) {
        return keys.stream().map(k -> new KeyRow(k, k.expiry(today), isReplacement(k, keys),
                k.status() == KeyStatus.PENDING && (k.recovery() ? viewerId.equals(k.proposedById())
                        : k.isOwnedBy(viewerId) && twoPersonRule),
                k.status() == KeyStatus.RETIRED ? storedFiles.applyAsLong(k.fingerprint()) : 0)).toList();
    }

    /** A pending key whose owner still has an approved one: it takes over when approved. */
    private static boolean isReplacement(VettedKey key, List<VettedKey> all) {
        return key.status() == KeyStatus.PENDING && key.ownerId() != null && all.stream().anyMatch(
                other -> other.status() == KeyStatus.APPROVED && key.ownerId().equals(other.ownerId()));
    }

    public boolean pending() {
        return key.status() == KeyStatus.PENDING;
    }

    public boolean retired() {
        return key.status() == KeyStatus.RETIRED;
    }

    public String status() {
        String recovery = key.recovery() ? "recovery key, " : "";
        if (pending()) {
            return recovery + (replacement ? "pending (replacement)" : "pending");
        }
        if (retired()) {
            return recovery + "retired: receives nothing; " + storedFiles
                    + (storedFiles == 1 ? " stored file needs it" : " stored files need it");
        }
        return recovery + (expiry.state() == KeyExpiry.State.EXPIRED ? "approved, expired" : "approved");
    }

    public String origin() {
        return key.isOperatorKey() ? "operator-added" : "console";
    }

    public String owner() {
        if (key.recovery()) {
            return "the organisation (recovery key)";
        }
        if (key.formerOwnerName() != null) {
            return key.formerOwnerName();
        }
        return key.ownerName() == null ? "—" : key.ownerName();
    }

    public String approval() {
        if (pending()) {
            return "—";
        }
        if (key.isOperatorKey()) {
            return "operator (command line), " + key.addedOn();
        }
        if (key.recovery()) {
            return "proposed by " + (key.proposedByName() == null ? "?" : key.proposedByName()) + ", approved by "
                    + (key.approvedByName() == null ? "?" : key.approvedByName()) + ", " + key.approvedOn();
        }
        return (key.approvedByName() == null ? "?" : key.approvedByName()) + ", " + key.approvedOn();
    }
}
