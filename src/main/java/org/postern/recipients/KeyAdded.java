package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An account uploaded its own key; it waits for an admin's approval. */
public record KeyAdded(AuditActor by, String fingerprint) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.KEY_ADDED, fingerprint);
    }
}
