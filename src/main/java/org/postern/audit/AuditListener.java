package org.postern.audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Appends the entry for each {@link Audited} event in the publisher's transaction, just before it commits: the
 * change and its entry commit together or not at all. Published outside a transaction (a download, a command
 * line action), the entry is appended at once, in its own transaction.
 */
@Component
class AuditListener {

    private final AuditLog log;

    AuditListener(AuditLog log) {
        this.log = log;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(Audited event) {
        log.record(event.auditEvent());
    }
}
