package org.postern.organization;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An admin changed the organization's texts or logo; {@code what} says which, as the entry's detail. */
public record OrganizationChanged(AuditActor by, AuditDetail what) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.SETTINGS_CHANGED, "organization", what);
    }
}
