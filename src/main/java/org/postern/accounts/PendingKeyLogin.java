package org.postern.accounts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A password that was right for an account with a security key, waiting in the browser's session for the key.
 * It is used once; it expires with the key prompt. {@code failures} is the account's failure count that the
 * password step left behind: the lock it set yields to this key step only while no other failure came since.
 */
public record PendingKeyLogin(String accountId, int epoch, Instant expires, int failures) implements Serializable {

    static final Duration VALID_FOR = Duration.ofMinutes(5);
}
