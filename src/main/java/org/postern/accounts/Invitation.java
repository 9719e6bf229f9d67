package org.postern.accounts;

import java.time.Instant;

/** A one-time link: a new account of {@code role}, or (with an account id) a second-factor re-enrolment. */
public record Invitation(Role role, String accountId, String createdBy, Instant expiresAt) {

    public boolean isReEnrolment() {
        return accountId != null;
    }
}
