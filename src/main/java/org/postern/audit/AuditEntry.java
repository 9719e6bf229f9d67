package org.postern.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored audit entry, as the console shows it. Hashes are lower-case hex. {@code details} is the stored value:
 * an encoded {@link AuditDetail}, or free English text in entries written before details were structured.
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, AuditAction action, String subject,
        String details, String prevHash, String entryHash) {

    /** The structured detail, or empty when there is none or the entry holds older free text. */
    public Optional<AuditDetail> detail() {
        return AuditDetail.parse(details);
    }
}
