package org.postern.accounts;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/**
 * What this module changes, as domain events. Each is published inside the change's transaction, and the audit
 * log appends its entry as that transaction commits. Subjects are user names, never anything a user typed
 * besides a security key's label.
 */
public sealed interface AccountChange extends Audited {

    /** The first admin enrolled with the setup token. */
    record SetupCompleted(AuditActor by, String admin) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.of(by, AuditAction.SETUP_COMPLETED, admin);
        }
    }

    record AccountCreated(AuditActor by, String username, Role role) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.ACCOUNT_CREATED, username,
                    AuditDetail.of(role == Role.ADMIN ? "audit.detail.role.ADMIN" : "audit.detail.role.INVESTIGATOR"));
        }
    }

    record InvitationUsed(AuditActor by, String username, String invitedBy) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.INVITATION_USED, username,
                    AuditDetail.of("audit.detail.invitedBy", AuditDetail.text(invitedBy)));
        }
    }

    record InvitationCreated(AuditActor by, Role role) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.of(by, AuditAction.INVITATION_CREATED, role.name());
        }
    }

    record SecondFactorEnrolled(AuditActor by, String username) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.of(by, AuditAction.SECOND_FACTOR_ENROLLED, username);
        }
    }

    /** An admin removed an account's second factor; {@code removedKeys} security keys went with it. */
    record SecondFactorReset(AuditActor by, String username, int removedKeys) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.SECOND_FACTOR_RESET, username, removedKeys == 0
                    ? AuditDetail.NONE : AuditDetail.of("audit.detail.securityKeysRemoved", removedKeys));
        }
    }

    record PasswordChanged(AuditActor by, String username) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.of(by, AuditAction.PASSWORD_CHANGED, username);
        }
    }

    record EnabledChanged(AuditActor by, String username, boolean enabled) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return AuditEvent.of(by, enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED, username);
        }
    }

    /** {@code target} is empty for an invitation, which names no account yet. */
    record AdminChangeProposed(AuditActor by, String target, AdminProposal.Kind kind) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.ADMIN_CHANGE_PROPOSED, target, AuditDetail.of(switch (kind) {
                case DISABLE_ADMIN -> "audit.detail.proposal.DISABLE_ADMIN";
                case ENABLE_ADMIN -> "audit.detail.proposal.ENABLE_ADMIN";
                case INVITE_ADMIN -> "audit.detail.proposal.INVITE_ADMIN";
            }));
        }
    }

    record AdminChangeConfirmed(AuditActor by, AdminProposal proposal) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.ADMIN_CHANGE_CONFIRMED, proposal.targetName(),
                    proposedBy(proposal));
        }
    }

    record AdminChangeCancelled(AuditActor by, AdminProposal proposal) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.ADMIN_CHANGE_CANCELLED, proposal.targetName(),
                    proposedBy(proposal));
        }
    }

    record SecurityKeyEnrolled(AuditActor by, String username, String label) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.WEBAUTHN_ENROLLED, username, keyDetail(label));
        }
    }

    record SecurityKeyRemoved(AuditActor by, String username, String label) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.WEBAUTHN_REMOVED, username, keyDetail(label));
        }
    }

    record SecurityKeysRequired(AuditActor by, boolean on) implements AccountChange {
        @Override
        public AuditEvent auditEvent() {
            return new AuditEvent(by, AuditAction.SETTINGS_CHANGED, "security keys required",
                    AuditDetail.of(on ? "audit.detail.turnedOn" : "audit.detail.turnedOff"));
        }
    }

    private static AuditDetail proposedBy(AdminProposal proposal) {
        AuditDetail.Text by = AuditDetail.text(proposal.proposedByName());
        return switch (proposal.kind()) {
            case DISABLE_ADMIN -> AuditDetail.of("audit.detail.proposedBy.DISABLE_ADMIN", by);
            case ENABLE_ADMIN -> AuditDetail.of("audit.detail.proposedBy.ENABLE_ADMIN", by);
            case INVITE_ADMIN -> AuditDetail.of("audit.detail.proposedBy.INVITE_ADMIN", by);
        };
    }

    private static AuditDetail keyDetail(String label) {
        return label == null || label.isBlank() ? AuditDetail.of("audit.detail.securityKeyUnnamed")
                : AuditDetail.of("audit.detail.securityKey", AuditDetail.text(label));
    }
}
