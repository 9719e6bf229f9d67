package org.postern.review.recipients;

import java.time.LocalDate;
import java.util.List;

import org.postern.recipients.KeyExpiry;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.VettedKey;
import org.postern.i18n.Formats;
import org.postern.review.ConsoleText;

/**
 * One key as a console page lists it, with the labels worked out here rather than in the template, in the language
 * of the page. The methods the templates call are public for Thymeleaf's expression language.
 */
record KeyRow(ConsoleText text, VettedKey key, KeyExpiry expiry, boolean replacement, boolean selfApprovalBlocked,
        long storedFiles) {

    /**
     * @param viewerId      the account looking at the page
     * @param twoPersonRule whether an admin's own key needs another admin
     */
    static List<KeyRow> of(ConsoleText text, List<VettedKey> keys, LocalDate today, String viewerId,
            boolean twoPersonRule) {
        return of(text, keys, today, viewerId, twoPersonRule, fingerprint -> 0L);
    }

    /** @param storedFiles how many stored submissions and replies were encrypted to a key */
    static List<KeyRow> of(ConsoleText text, List<VettedKey> keys, LocalDate today, String viewerId,
            boolean twoPersonRule, java.util.function.ToLongFunction<String> storedFiles) {
        return keys.stream().map(k -> new KeyRow(text, k, k.expiry(today), isReplacement(k, keys),
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
        String state;
        if (pending()) {
            state = text.of(replacement ? "keyRow.pendingReplacement" : "keyRow.pending");
        } else if (retired()) {
            state = text.of("keyRow.retired", storedFiles);
        } else {
            state = text.of(expiry.state() == KeyExpiry.State.EXPIRED ? "keyRow.approvedExpired" : "keyRow.approved");
        }
        return key.recovery() ? text.of("keyRow.recovery", state) : state;
    }

    public String origin() {
        return text.of(key.isOperatorKey() ? "keyRow.originOperator" : "keyRow.originConsole");
    }

    public String owner() {
        if (key.recovery()) {
            return text.of("keyRow.organisation");
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
            return text.of("keyRow.approvalOperator", day(key.addedOn()));
        }
        String approver = key.approvedByName() == null ? "?" : key.approvedByName();
        if (key.recovery()) {
            return text.of("keyRow.approvalRecovery", key.proposedByName() == null ? "?" : key.proposedByName(),
                    approver, day(key.approvedOn()));
        }
        return text.of("keyRow.approvalBy", approver, day(key.approvedOn()));
    }

    /** When the key stops being usable, in the page's language. */
    public String expiryText() {
        return switch (expiry.state()) {
            case NEVER -> text.of("keyRow.expiry.never");
            case LATER -> day(expiry.on());
            case SOON -> text.of("keyRow.expiry.soon", day(expiry.on()), expiry.daysLeft());
            case EXPIRED -> text.of("keyRow.expiry.expired");
        };
    }

    private String day(LocalDate day) {
        return day == null ? "?" : Formats.day(day, text.language());
    }
}
