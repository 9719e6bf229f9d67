package org.postern.review.inbox;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/**
 * What {@link RetentionJob} deleted in one run, as counts. Each deletion commits in its own short transaction
 * before the count is known, so these are published after them, outside any, and appended at once.
 */
sealed interface HourlyDeletions extends Audited {

    record Expired(int submissions, int replies, int sources) implements HourlyDeletions {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.bySystem(AuditAction.RETENTION_DELETED, "retention",
                    AuditDetail.of("audit.detail.retention", submissions, replies, sources));
        }
    }

    /** A count per hour only: which source deleted what, and when, is never recorded. */
    record RepliesDeletedBySources(int replies) implements HourlyDeletions {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.bySystem(AuditAction.REPLIES_DELETED_BY_SOURCES, "replies",
                    AuditDetail.of("audit.detail.repliesDeletedBySources", replies));
        }
    }

    record NeverSent(int sources) implements HourlyDeletions {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.bySystem(AuditAction.RETENTION_DELETED, "unsubmitted sources",
                    AuditDetail.of("audit.detail.neverSent", sources));
        }
    }
}
