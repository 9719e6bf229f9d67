package org.postern.accounts;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.postern.crypto.SecretBytes;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based codes: SHA-1, 30-second steps, 6 digits (what authenticator apps expect), accepted one
 * step either side. A code is accepted once: callers pass the last step used and store the one returned.
 */
@Component
public class Totp {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int SECRET_BYTES = 20;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random;
    private final Clock clock;

    Totp(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public SecretBytes newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return SecretBytes.adopt(secret);
    }

    /** For the authenticator app: base32, no padding. */
    public static String base32(SecretBytes secret) {
        byte[] raw = secret.copyBytesRisky();
        try {
            return new Base32().encodeAsString(raw).replace("=", "");
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    public static String otpauthUri(String issuer, String account, SecretBytes secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /**
     * @return the matching time step if {@code code} is valid now (±1 step) and newer than {@code lastUsedStep}
     */
    public OptionalLong verify(SecretBytes secret, String code, long lastUsedStep) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        byte[] given = code.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long now = clock.instant().getEpochSecond() / STEP.getSeconds();
        byte[] raw = secret.copyBytesRisky();
        try {
            SecretKeySpec key = new SecretKeySpec(raw, "HmacSHA1");
            long matched = -1;
            for (long step = now - 1; step <= now + 1; step++) {
                String expected = generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds()));
                // Every candidate is compared, in constant time, whatever matched before.
                if (MessageDigest.isEqual(given, expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        && step > lastUsedStep) {
                    matched = step;
                }
            }
            return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /** The current code, for tests that play the authenticator app. */
    public static String codeAt(byte[] secret, Instant instant) {
        try {
            return new TimeBasedOneTimePasswordGenerator(STEP, 6)
                    .generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), instant);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
