package org.postern.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit log: each entry carries the hash of the one before, so changing, removing or
 * reordering entries shows in {@link AuditVerifier}.
 *
 * <p>Callers must pass identifiers only, never content: see {@link AuditEvent}. Nothing here logs, because a
 * log line would be a second, unchained copy of the entry.
 */
@Service
public class AuditLog {

    private static final int MAX_ATTEMPTS = 20;
    private static final int MAX_PAGE_SIZE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Appends one entry. Inside a caller's transaction it joins it, so the entry commits or rolls back with the
     * change it describes; the caller then holds the log's lock until commit, so record last. Alone, it runs in
     * its own transaction and retries when another append got the lock first.
     */
    public AuditEntry record(AuditEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return append(event);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> append(event));
            } catch (ConcurrencyFailureException | DuplicateKeyException contended) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw contended;
                }
                pause(attempt, contended);
            }
        }
    }

    /** Newest first; {@code page} counts from 0. */
    public List<AuditEntry> page(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return jdbc.sql("select * from audit_entry order by seq desc offset ? rows fetch next ? rows only")
                .params((long) page * size, size).query(AuditLog::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }

    private AuditEntry append(AuditEvent event) {
        // The head row's lock serializes appends across threads and processes, so two entries never share a
        // predecessor; the primary key on seq and the guarded head update below would refuse a fork anyway.
        Head head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
        long seq = head.lastSeq() + 1;
        LocalDateTime at = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String hash = EntryHash.compute(seq, at, event.actor(), event.action().name(), event.subject(),
                event.details(), head.lastHash());
        jdbc.sql("""
                insert into audit_entry (seq, occurred_at, actor, action, subject, details, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, at, event.actor(), event.action().name(), event.subject(), event.details(),
                        head.lastHash(), hash)
                .update();
        int moved = jdbc.sql("update audit_head set last_seq = ?, last_hash = ? where id = 1 and last_seq = ?")
                .params(seq, hash, head.lastSeq()).update();
        if (moved != 1) {
            throw new OptimisticLockingFailureException("the audit head moved during an append");
        }
        return new AuditEntry(seq, at.toInstant(ZoneOffset.UTC), event.actor(), event.action(), event.subject(),
                event.details(), head.lastHash(), hash);
    }

    private static void pause(int attempt, RuntimeException contended) {
        try {
            Thread.sleep(Math.min(50, attempt * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw contended;
        }
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        String action = rs.getString("action");
        AuditAction known;
        try {
            known = AuditAction.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit entry " + rs.getLong("seq") + " has an unknown action; "
                    + "run `audit verify`", e);
        }
        return new AuditEntry(rs.getLong("seq"),
                rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"),
                known, rs.getString("subject"), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("entry_hash"));
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
