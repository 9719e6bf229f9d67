package org.postern.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Walks the audit chain in sequence order and reports the first entry that does not hold. */
@Service
public class AuditVerifier {

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    AuditVerifier(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for the entries and the head, so a concurrent append cannot look like tampering.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public AuditVerification verify() {
        return snapshot.execute(status -> {
            Optional<Head> head = jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
                    .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).optional();
            ChainWalk walk = new ChainWalk();
            jdbc.sql("select * from audit_entry order by seq").query(walk);
            return walk.finish(head);
        });
    }

    record Head(long lastSeq, String lastHash) {
    }

    /** The walk's state: the next expected sequence number and the hash the next entry must link to. */
    static final class ChainWalk implements RowCallbackHandler {
        private long expected = 1;
        private String previousHash = EntryHash.GENESIS;
        private AuditVerification broken;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            accept(rs.getLong("seq"), rs.getObject("occurred_at", LocalDateTime.class), rs.getString("actor"),
                    rs.getString("action"), rs.getString("subject"), rs.getString("details"),
                    rs.getString("prev_hash"), rs.getString("entry_hash"));
        }

        void accept(long seq, LocalDateTime at, String actor, String action, String subject, String details,
                String prevHash, String entryHash) {
            if (broken != null) {
                return;
            }
            if (seq != expected) {
                broken = seq > expected
                        ? AuditVerification.broken(expected, "gap in sequence (entry missing; the next entry is "
                                + seq + ")", "audit.brokenReason.gap", seq)
                        : AuditVerification.broken(expected, "unexpected sequence number " + seq,
                                "audit.brokenReason.sequence", seq);
            } else if (!EntryHash.same(previousHash, prevHash)) {
                broken = seq == 1
                        ? AuditVerification.broken(seq, "prev_hash is not the genesis hash", "audit.brokenReason.genesis", 0)
                        : AuditVerification.broken(seq, "prev_hash mismatch (does not match entry " + (seq - 1) + ")",
                                "audit.brokenReason.previous", seq - 1);
            } else if (!EntryHash.same(EntryHash.compute(seq, at, actor, action, subject, details, prevHash),
                    entryHash)) {
                broken = AuditVerification.broken(seq, "hash mismatch (the entry was changed)",
                        "audit.brokenReason.changed", 0);
            } else {
                previousHash = entryHash;
                expected++;
            }
        }

        AuditVerification finish(Optional<Head> maybeHead) {
            if (broken != null) {
                return broken;
            }
            long last = expected - 1;
            if (maybeHead.isEmpty()) {
                return AuditVerification.broken(last + 1, "audit_head is missing", "audit.brokenReason.noHead", 0);
            }
            Head head = maybeHead.get();
            if (head.lastSeq() > last) {
                return AuditVerification.broken(last + 1,
                        "deleted tail (audit_head records " + head.lastSeq() + " entries)",
                        "audit.brokenReason.deletedTail", head.lastSeq());
            }
            if (head.lastSeq() < last) {
                return AuditVerification.broken(head.lastSeq() + 1,
                        "not recorded in audit_head (audit_head records " + head.lastSeq() + " entries)",
                        "audit.brokenReason.unrecorded", head.lastSeq());
            }
            if (!EntryHash.same(head.lastHash(), previousHash)) {
                return AuditVerification.broken(last, "hash does not match audit_head",
                        "audit.brokenReason.headHash", 0);
            }
            return AuditVerification.intact(last, previousHash);
        }
    }
}
