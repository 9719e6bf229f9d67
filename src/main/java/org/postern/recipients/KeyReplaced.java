package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An approval replaced an owner's older key; {@code kept} when stored blobs still need the old one. */
public record KeyReplaced(AuditActor by, String old, String replacement, boolean kept) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.KEY_REPLACED, old, KeyVetting.replacedBy(replacement, kept));
    }
}
