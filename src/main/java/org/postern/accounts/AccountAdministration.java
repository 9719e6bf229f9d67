package org.postern.accounts;

import java.util.Optional;

import org.postern.crypto.PasswordHasher;
import org.springframework.stereotype.Service;

/** What changes an account after it exists. Each change ends every session of that account. */
@Service
public class AccountAdministration {

    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Invitations invitations;

    AccountAdministration(AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher,
            Invitations invitations) {
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.invitations = invitations;
    }

    /** @return why the change was refused, or empty once it is done */
    public Optional<String> changePassword(String accountId, String current, String replacement) {
        Account account = accounts.findById(accountId).orElseThrow();
        if (!hasher.matches(current, accounts.passwordHash(accountId).orElseThrow())) {
            return Optional.of("The current password is not correct.");
        }
        Optional<String> problem = policy.problem(replacement, account.username());
        if (problem.isPresent()) {
            return problem;
        }
        accounts.setPasswordHash(accountId, hasher.hash(replacement));
        return Optional.empty();
    }

    public void disable(String accountId) {
        accounts.setEnabled(accountId, false);
    }

    public void enable(String accountId) {
        accounts.setEnabled(accountId, true);
    }

    /** Removes the second factor and returns a one-time re-enrolment link token for the admin to pass on. */
    public String resetSecondFactor(String accountId, String adminName) {
        Account account = accounts.findById(accountId).orElseThrow();
        accounts.setTotpSecret(accountId, null, 0);
        return invitations.createReEnrolment(account, adminName);
    }
}
