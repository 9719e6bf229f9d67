package org.postern.sources;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** A reply was stored for a source; {@code inBrowser} when the investigator's browser encrypted it. */
public record ReplySent(AuditActor by, String designation, int seq, boolean inBrowser) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(by, AuditAction.REPLY_SENT, designation,
                AuditDetail.of(inBrowser ? "audit.detail.replyInBrowser" : "audit.detail.reply", seq));
    }
}
