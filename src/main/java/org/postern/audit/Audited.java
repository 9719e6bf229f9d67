package org.postern.audit;

/**
 * A domain event that the audit log records. The module that makes a change publishes it inside the change's
 * transaction; {@link AuditListener} appends the entry just before that transaction commits.
 */
public interface Audited {

    /** The entry to append; called once, inside the publisher's transaction. */
    AuditEvent auditEvent();
}
