package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** A retired key's record was deleted, because no stored blob needs it any more. */
public record KeyForgotten(String fingerprint) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.bySystem(AuditAction.KEY_FORGOTTEN, fingerprint,
                AuditDetail.of("audit.detail.noStoredFileNeedsIt"));
    }
}
