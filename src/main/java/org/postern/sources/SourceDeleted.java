package org.postern.sources;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An investigator deleted a source with everything it sent and was sent. */
public record SourceDeleted(AuditActor by, String designation) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.SOURCE_DELETED, designation);
    }
}
