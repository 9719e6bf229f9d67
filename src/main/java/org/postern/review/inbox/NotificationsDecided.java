package org.postern.review.inbox;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An admin recorded, or withdrew, that e-mail notifications stay off on purpose. */
record NotificationsDecided(AuditActor by, boolean offByChoice) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.SETTINGS_CHANGED, "notifications off by choice",
                AuditDetail.of(offByChoice ? "audit.detail.recorded" : "audit.detail.withdrawn"));
    }
}
