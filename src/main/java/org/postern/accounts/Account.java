package org.postern.accounts;

import java.time.Instant;
import java.time.LocalDate;

/** A console account. The password hash and TOTP secret never leave the accounts module. */
public record Account(String id, String username, Role role, boolean enabled, boolean secondFactorEnrolled,
        int sessionEpoch, int failedLogins, Instant lockedUntil, LocalDate createdOn) {
}
