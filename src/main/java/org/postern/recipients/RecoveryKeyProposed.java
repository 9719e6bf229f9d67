package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An admin proposed the recovery key; it receives nothing until another admin approves it. */
public record RecoveryKeyProposed(AuditActor by, String fingerprint) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.RECOVERY_KEY_PROPOSED, fingerprint);
    }
}
