package org.postern.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends an entry as Postern wrote them before details were structured: free English text in the details
 * column, chained and hashed exactly as {@link AuditLog} does. For tests that older logs still verify and show.
 */
public final class LegacyAuditEntries {

    private LegacyAuditEntries() {
    }

    /** Call only while nothing else appends. Returns the new entry's sequence number. */
    public static long append(JdbcClient jdbc, Instant at, String actor, AuditAction action, String subject,
            String details) {
        long lastSeq = jdbc.sql("select last_seq from audit_head where id = 1").query(Long.class).single();
        String lastHash = jdbc.sql("select last_hash from audit_head where id = 1").query(String.class).single();
        long seq = lastSeq + 1;
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String hash = EntryHash.compute(seq, when, actor, action.name(), subject, details, lastHash);
        jdbc.sql("""
                insert into audit_entry (seq, occurred_at, actor, action, subject, details, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, when, actor, action.name(), subject, details, lastHash, hash).update();
        jdbc.sql("update audit_head set last_seq = ?, last_hash = ? where id = 1").params(seq, hash).update();
        return seq;
    }
}
