package org.postern.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The first admin is created with a one-time setup token that the server prints to its log at a start with no
 * admin: the only secret Postern ever logs. It lives in memory only (a restart issues a new one) and expires.
 */
@Service
public class SetupTokens {

    private static final Logger log = LoggerFactory.getLogger(SetupTokens.class);
    static final Duration VALIDITY = Duration.ofHours(24);

    private final AccountRepository accounts;
    private final SecureRandom random;
    private final Clock clock;
    private String tokenHash;
    private Instant expiresAt;

    SetupTokens(AccountRepository accounts, SecureRandom random, Clock clock) {
        this.accounts = accounts;
        this.random = random;
        this.clock = clock;
    }

    /** Issues and logs a token if no admin exists yet. */
    public synchronized void issueIfNoAdmin() {
        if (accounts.anyAdmin()) {
            tokenHash = null;
            return;
        }
        String token = OneTimeTokens.newToken(random);
        tokenHash = OneTimeTokens.hash(token);
        expiresAt = clock.instant().plus(VALIDITY);
        log.warn("No admin account exists. Open the console's /setup page within {} hours and enter this one-time "
                + "setup token: {}", VALIDITY.toHours(), token);
    }

    public synchronized boolean isSetupOpen() {
        return tokenHash != null && clock.instant().isBefore(expiresAt) && !accounts.anyAdmin();
    }

    /** Checks the token without spending it, before the second factor is shown. */
    public synchronized boolean matches(String token) {
        return isSetupOpen() && token != null && token.length() <= 100
                && MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII),
                        OneTimeTokens.hash(token.strip()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Checks and spends the token; it works once. */
    synchronized boolean consume(String token) {
        if (!isSetupOpen() || token == null || token.length() > 100) {
            return false;
        }
        boolean ok = MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII),
                OneTimeTokens.hash(token.strip()).getBytes(StandardCharsets.US_ASCII));
        if (ok) {
            tokenHash = null;
        }
        return ok;
    }
}
