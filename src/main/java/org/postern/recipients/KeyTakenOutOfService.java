package org.postern.recipients;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** A key stopped receiving: removed, or retired when stored blobs still need it. */
public record KeyTakenOutOfService(AuditActor by, String fingerprint, boolean retired) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return retired
                ? new AuditEvent(by, AuditAction.KEY_RETIRED, fingerprint,
                        AuditDetail.of("audit.detail.keptForStoredFiles"))
                : AuditEvent.of(by, AuditAction.KEY_REMOVED, fingerprint);
    }
}
