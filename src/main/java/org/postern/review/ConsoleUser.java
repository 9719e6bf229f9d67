package org.postern.review;

import org.postern.accounts.Account;
import org.postern.accounts.Role;
import org.postern.audit.AuditActor;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The logged-in investigator or admin, as the console's controllers see them. Its name is the user name, which
 * is also the account's WebAuthn user name. Controllers take it as an {@code @AuthenticationPrincipal} parameter.
 */
public record ConsoleUser(String accountId, String username, Role role, int sessionEpoch)
        implements AuthenticatedPrincipal {

    @Override
    public String getName() {
        return username;
    }

    static ConsoleUser of(Account account) {
        return new ConsoleUser(account.id(), account.username(), account.role(), account.sessionEpoch());
    }

    /** This user as the author of an audit entry. */
    public AuditActor actor() {
        return AuditActor.account(username);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + username + "]";
    }
}
