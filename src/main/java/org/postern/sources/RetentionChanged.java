package org.postern.sources;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An admin set the retention period; 0 keeps everything. */
public record RetentionChanged(AuditActor by, int days) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.SETTINGS_CHANGED, "retention", days == 0
                ? AuditDetail.of("audit.detail.keepForever") : AuditDetail.of("audit.detail.keepDays", days));
    }
}
