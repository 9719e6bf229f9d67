package org.postern.accounts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A password that was right for an account with a security key, waiting in the browser's session for the key.
 * It is used once; it expires with the key prompt.
 */
public record PendingKeyLogin(String accountId, int epoch, Instant expires) implements Serializable {

    static final Duration VALID_FOR = Duration.ofMinutes(5);
}
