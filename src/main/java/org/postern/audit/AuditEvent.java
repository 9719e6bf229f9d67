package org.postern.audit;

import java.util.Objects;

/**
 * One thing to record. Callers pass identifiers only: an account name, a source's designation, a key
 * fingerprint, a setting's name. They must never pass a codename, submission content, reply text, a file
 * name, a password, a token or a TOTP secret: the log is kept for ever and shown to every admin.
 *
 * <p>The actor is refused if it is not a plain name, because silently altering it would misattribute the
 * entry. The subject and the detail's text are cleaned instead of refused: an entry for a security event must
 * still be written when its text is odd, or odd text would become a way to avoid the log. Details are a bundle
 * key and its arguments ({@link AuditDetail}), never a sentence, so that each reader sees them in their language.
 */
public record AuditEvent(String actor, AuditAction action, String subject, AuditDetail detail) {

    public static final String OPERATOR = "operator";
    public static final String SYSTEM = "system";

    static final int MAX_ACTOR = 64;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DETAILS = 500;

    public AuditEvent {
        actor = AuditText.requirePlain(actor, MAX_ACTOR, "actor");
        Objects.requireNonNull(action, "action");
        subject = AuditText.clean(subject, MAX_SUBJECT);
        detail = detail == null ? AuditDetail.NONE : detail;
    }

    public AuditEvent(AuditActor actor, AuditAction action, String subject, AuditDetail detail) {
        this(actor.stored(), action, subject, detail);
    }

    public static AuditEvent of(AuditActor actor, AuditAction action, String subject) {
        return new AuditEvent(actor, action, subject, AuditDetail.NONE);
    }

    public static AuditEvent of(String actor, AuditAction action, String subject) {
        return new AuditEvent(actor, action, subject, AuditDetail.NONE);
    }

    /** The details as stored and hashed. */
    public String details() {
        return detail.encoded();
    }

    /** An action taken on the server's command line. */
    public static AuditEvent byOperator(AuditAction action, String subject) {
        return of(AuditActor.OPERATOR, action, subject);
    }

    /** An action taken by a scheduled job. */
    public static AuditEvent bySystem(AuditAction action, String subject, AuditDetail detail) {
        return new AuditEvent(AuditActor.SYSTEM, action, subject, detail);
    }
}
