package org.postern.review.inbox;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import org.postern.sources.Retention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the retention period every hour. Dates are kept to the day, so an hourly run deletes each item within
 * an hour of the day it expires on; the work is in {@link Retention}, which tests call with a fixed clock.
 */
@Component
class RetentionJob {

    private final Retention retention;

    private final AuditLog audit;

    RetentionJob(Retention retention, AuditLog audit) {
        this.audit = audit;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "1m", fixedDelayString = "1h")
    void run() {
        Retention.Purged purged = retention.purgeExpired();
        if (purged.submissions() + purged.replies() + purged.sources() > 0) {
            audit.record(AuditEvent.bySystem(AuditAction.RETENTION_DELETED, "retention", purged.submissions()
                    + " submissions, " + purged.replies() + " replies, " + purged.sources() + " sources"));
        }
    }
}
