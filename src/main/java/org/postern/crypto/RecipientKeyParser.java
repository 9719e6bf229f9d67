package org.postern.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.postern.crypto.internal.KeyPolicy;
import org.springframework.stereotype.Component;

/**
 * Turns an armored certificate into a {@link RecipientKey}, or says clearly why it cannot be one:
 * revoked, expired, no encryption subkey, too weak, or a format GnuPG 2.2 cannot read.
 */
@Component
public class RecipientKeyParser {

    private static final int MAX_ARMORED_CHARS = 1_000_000;
    private static final String NOT_A_KEY =
            "This is not an ASCII-armored OpenPGP public key (export one with gpg --armor --export).";

    private final Clock clock;
    private final KeyPolicy policy = new KeyPolicy();

    RecipientKeyParser(Clock clock) {
        this.clock = clock;
    }

    public RecipientKey parse(String armored) throws KeyRejectedException {
        if (armored == null || armored.isBlank()) {
            throw new KeyRejectedException("No key was given.", KeyRefusal.NO_KEY);
        }
        if (armored.length() > MAX_ARMORED_CHARS) {
            throw new KeyRejectedException("This file is too large to be an OpenPGP public key.", KeyRefusal.TOO_LARGE);
        }
        if (armored.contains("PRIVATE KEY BLOCK")) {
            throw new KeyRejectedException(
                    "This is a PRIVATE key. Never give it to the server: export the public key with gpg --armor --export.",
                    KeyRefusal.PRIVATE_KEY);
        }
        PGPPublicKeyRing ring = readSingleRing(armored);
        PGPPublicKey primary = ring.getPublicKey();
        Instant now = clock.instant();
        policy.checkPrimary(primary, now);
        PGPPublicKey subkey = chooseEncryptionSubkey(ring, primary, now);
        Optional<Instant> expiresAt = policy.expiry(primary);
        return new RecipientKey(
                HexFormat.of().withUpperCase().formatHex(primary.getFingerprint()),
                userIds(primary),
                policy.describe(primary),
                primary.getCreationTime().toInstant(),
                expiresAt,
                earliest(expiresAt, policy.encryptionExpiry(primary, subkey)),
                armored.strip() + "\n",
                subkey);
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
    }

    private PGPPublicKeyRing readSingleRing(String armored) throws KeyRejectedException {
        try (InputStream in = new ArmoredInputStream(
                new ByteArrayInputStream(armored.strip().getBytes(StandardCharsets.US_ASCII)))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            if (rings.size() == 0) {
                throw new KeyRejectedException(NOT_A_KEY, KeyRefusal.NOT_A_KEY);
            }
            if (rings.size() != 1 || armored.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----",
                    armored.indexOf("-----END PGP PUBLIC KEY BLOCK-----")) >= 0) {
                throw new KeyRejectedException("Give exactly one public key; this file holds more.",
                        KeyRefusal.MORE_THAN_ONE);
            }
            return rings.getKeyRings().next();
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyRejectedException(NOT_A_KEY, KeyRefusal.NOT_A_KEY);
        }
    }

    private PGPPublicKey chooseEncryptionSubkey(PGPPublicKeyRing ring, PGPPublicKey primary, Instant now)
            throws KeyRejectedException {
        List<PGPPublicKey> usable = new ArrayList<>();
        KeyRejectedException lastProblem = null;
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            PGPPublicKey key = it.next();
            Optional<KeyRejectedException> problem = policy.encryptionProblem(primary, key, now);
            if (problem.isEmpty()) {
                usable.add(key);
            } else if (problem.get().refusal() != KeyRefusal.NOT_FOR_ENCRYPTION) {
                lastProblem = problem.get();
            }
        }
        if (usable.isEmpty()) {
            throw lastProblem != null ? lastProblem : new KeyRejectedException(
                    "This key has no encryption subkey (is it a sign-only key?). Add one with gpg --quick-add-key.",
                    KeyRefusal.NO_ENCRYPTION_SUBKEY);
        }
        return usable.stream().max(Comparator.comparing(PGPPublicKey::getCreationTime)).orElseThrow();
    }

    private static List<String> userIds(PGPPublicKey primary) {
        List<String> ids = new ArrayList<>();
        primary.getUserIDs().forEachRemaining(ids::add);
        return ids;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
