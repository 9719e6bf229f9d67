package org.postern.audit;

/**
 * Who did what an audit entry records: a console account, the operator at the server's command line, or a
 * scheduled job. It is stored as a name ({@link #stored()}), the form entries have always had, so old and new
 * entries read and verify alike.
 */
public sealed interface AuditActor {

    AuditActor OPERATOR = new Operator();
    AuditActor SYSTEM = new SystemJob();

    /** The name as stored and hashed. */
    String stored();

    static AuditActor account(String username) {
        return new Account(username);
    }

    /** A console account, by its user name. */
    record Account(String username) implements AuditActor {
        @Override
        public String stored() {
            return username;
        }
    }

    /** The operator, acting on the server's command line. */
    record Operator() implements AuditActor {
        @Override
        public String stored() {
            return AuditEvent.OPERATOR;
        }
    }

    /** A scheduled job. */
    record SystemJob() implements AuditActor {
        @Override
        public String stored() {
            return AuditEvent.SYSTEM;
        }
    }
}
