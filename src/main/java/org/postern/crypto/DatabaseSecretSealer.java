package org.postern.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.postern.config.PosternProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals small server-side secrets (console TOTP seeds) before they go into the database, with AES-256-GCM under a
 * key kept in the data dir's {@code secrets/}, not in the database. A database copy on its own (a PostgreSQL
 * backup, a replica, an SQL injection) then holds no usable second factor. Each value is bound to its row and
 * column, so a sealed value moved to another account does not open.
 */
@Component
public class DatabaseSecretSealer {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSecretSealer.class);
    static final String PREFIX = "sealed1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    DatabaseSecretSealer(PosternProperties properties, SecureRandom random) {
        this.random = random;
        try (SecretBytes raw = SecretFiles.loadOrCreate(properties.secretsDir().resolve("database-seal-key"), 32,
                random)) {
            byte[] bytes = raw.copyBytesRisky();
            this.key = new SecretKeySpec(bytes, "AES");
            Arrays.fill(bytes, (byte) 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the database seal key", e);
        }
    }

    public String seal(SecretBytes secret, String binding) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] plain = secret.copyBytesRisky();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, binding);
            byte[] sealed = cipher.doFinal(plain);
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a value {@link #seal} made for the same binding. Empty, with a warning, when it does not open: damaged,
     * moved to another row, or sealed under another key. The caller then treats the secret as absent.
     */
    public Optional<SecretBytes> open(String stored, String binding) {
        if (!isSealed(stored)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (all.length < NONCE + TAG_BITS / 8) {
                throw new AEADBadTagException("too short");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE), binding);
            return Optional.of(SecretBytes.adopt(cipher.doFinal(all, NONCE, all.length - NONCE)));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            log.warn("A sealed secret in the database does not open: it was damaged, moved to another row, or "
                    + "sealed under another secrets/database-seal-key. It is treated as absent.");
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private Cipher cipher(int mode, byte[] nonce, String binding) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
