package org.postern.audit;

import java.time.Instant;

/** A stored audit entry, as the console shows it. Hashes are lower-case hex. */
public record AuditEntry(long seq, Instant occurredAt, String actor, AuditAction action, String subject,
        String details, String prevHash, String entryHash) {
}
