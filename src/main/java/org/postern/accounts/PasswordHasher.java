package org.postern.accounts;

import org.postern.config.PosternProperties;
import org.postern.crypto.Argon2Slots;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Investigators' passwords, as Argon2id hashes in the self-describing PHC format. Verification compares in
 * constant time and shares the codename KDF's memory-bounded slots.
 */
@Component
public class PasswordHasher {

    /** Longer input is refused before hashing: an over-long secret must not cost us more. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    private final Argon2PasswordEncoder encoder;
    private final Argon2Slots slots;

    PasswordHasher(PosternProperties properties, Argon2Slots slots) {
        PosternProperties.Argon2 cost = properties.argon2();
        this.encoder = new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations());
        this.slots = slots;
    }

    public String hash(String password) {
        requireBounded(password);
        return slots.run(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_PASSWORD_CHARS || hash == null) {
            return false;
        }
        return slots.run(() -> encoder.matches(password, hash));
    }

    private static void requireBounded(String password) {
        if (password == null || password.length() > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password too long");
        }
    }
}
