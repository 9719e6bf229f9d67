package org.postern.review;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/**
 * An account ended its console session. The change is the session's end, held in memory, not a row: no
 * transaction is open, so the entry is appended at once, in its own.
 */
record LoggedOut(String username) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(AuditActor.account(username), AuditAction.LOGOUT, username);
    }
}
