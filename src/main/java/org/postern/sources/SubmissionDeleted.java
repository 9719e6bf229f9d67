package org.postern.sources;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** An investigator deleted one submission of a source. */
public record SubmissionDeleted(AuditActor by, String designation, int seq) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.SUBMISSION_DELETED, designation,
                AuditDetail.of("audit.detail.submission", seq));
    }
}
