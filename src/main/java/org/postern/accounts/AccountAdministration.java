package org.postern.accounts;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import java.util.Optional;

import org.springframework.context.MessageSourceResolvable;

import org.postern.crypto.PasswordHasher;
import org.springframework.stereotype.Service;

/** What changes an account after it exists. Each change ends every session of that account. */
@Service
public class AccountAdministration {

    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Invitations invitations;
    private final AuditLog audit;
    private final SecurityKeys keys;
    private final ConsoleAuthenticator authenticator;

    AccountAdministration(AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher,
            Invitations invitations, AuditLog audit, SecurityKeys keys, ConsoleAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.keys = keys;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.invitations = invitations;
    }

    /** @return why the change was refused, or empty once it is done */
    public Optional<MessageSourceResolvable> changePassword(String accountId, String current, String replacement) {
        Account account = accounts.findById(accountId).orElseThrow();
        if (!authenticator.passwordUnderLockout(accountId, current, "password change")) {
            return Optional.of(PasswordPolicy.message("password.currentNotAccepted"));
        }
        Optional<MessageSourceResolvable> problem = policy.problem(replacement, account.username());
        if (problem.isPresent()) {
            return problem;
        }
        accounts.setPasswordHash(accountId, hasher.hash(replacement));
        audit.record(AuditEvent.of(account.username(), AuditAction.PASSWORD_CHANGED, account.username()));
        return Optional.empty();
    }

    public void disable(String accountId, String adminName) {
        accounts.setEnabled(accountId, false);
        audit.record(AuditEvent.of(adminName, AuditAction.ACCOUNT_DISABLED, usernameOf(accountId)));
    }

    public void enable(String accountId, String adminName) {
        accounts.setEnabled(accountId, true);
        audit.record(AuditEvent.of(adminName, AuditAction.ACCOUNT_ENABLED, usernameOf(accountId)));
    }

    private String usernameOf(String accountId) {
        return accounts.findById(accountId).map(Account::username).orElse("");
    }

    /** Removes the second factor (TOTP and every security key) and returns a one-time re-enrolment link token for the admin to pass on. */
    public String resetSecondFactor(String accountId, String adminName) {
        Account account = accounts.findById(accountId).orElseThrow();
        int removedKeys = keys.removeAll(accountId);
        accounts.setTotpSecret(accountId, null, 0);
        audit.record(new AuditEvent(adminName, AuditAction.SECOND_FACTOR_RESET, account.username(),
                removedKeys == 0 ? "" : removedKeys + " security keys removed"));
        return invitations.createReEnrolment(account, adminName);
    }
}
