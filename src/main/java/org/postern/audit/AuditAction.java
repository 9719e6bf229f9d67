package org.postern.audit;

/**
 * What an audit entry records. Only actions by investigators, admins, the operator or system jobs belong
 * here: an entry is timed to the second, and a source's own actions must never be timed that finely.
 */
public enum AuditAction {
    LOGIN_SUCCEEDED,
    /** Subject: an existing account's name only. A typed user name may be a mistyped password. */
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    LOGOUT,
    SETUP_COMPLETED,
    ACCOUNT_CREATED,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    ROLE_CHANGED,
    PASSWORD_CHANGED,
    SECOND_FACTOR_ENROLLED,
    SECOND_FACTOR_RESET,
    WEBAUTHN_ENROLLED,
    WEBAUTHN_REMOVED,
    INVITATION_CREATED,
    INVITATION_USED,
    INVITATION_REVOKED,
    /** Disabling, enabling or inviting an admin, waiting for a second admin. */
    ADMIN_CHANGE_PROPOSED,
    ADMIN_CHANGE_CONFIRMED,
    ADMIN_CHANGE_CANCELLED,
    KEY_ADDED,
    KEY_APPROVED,
    KEY_REPLACED,
    KEY_REMOVED,
    /** Out of service but kept: some stored blob was encrypted to it. */
    KEY_RETIRED,
    /** A retired key's record deleted once no stored blob needed it. */
    KEY_FORGOTTEN,
    RECOVERY_KEY_PROPOSED,
    RECOVERY_KEY_SET,
    RECOVERY_KEY_REPLACED,
    SUBMISSION_DOWNLOADED,
    SOURCE_ARCHIVE_DOWNLOADED,
    SUBMISSION_DELETED,
    SOURCE_DELETED,
    REPLY_SENT,
    SETTINGS_CHANGED,
    RETENTION_DELETED,
    DEVICE_AUTHORIZED,
    DEVICE_REVOKED,
    /** A count per hour only: which source deleted what, and when, is never recorded. */
    REPLIES_DELETED_BY_SOURCES
}
