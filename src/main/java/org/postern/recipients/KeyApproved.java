package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An admin approved a recipient key: it receives from now on. */
public record KeyApproved(AuditActor by, String fingerprint) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.KEY_APPROVED, fingerprint);
    }
}
