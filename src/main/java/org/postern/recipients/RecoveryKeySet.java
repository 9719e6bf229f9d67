package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** A second admin approved the proposed recovery key: it receives from now on. */
public record RecoveryKeySet(AuditActor by, String fingerprint) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.RECOVERY_KEY_SET, fingerprint);
    }
}
