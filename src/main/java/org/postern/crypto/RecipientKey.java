package org.postern.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * A validated OpenPGP certificate that submissions can be encrypted to. Only this package sees the
 * Bouncy Castle objects behind it.
 */
public final class RecipientKey {

    private final String fingerprint;
    private final List<String> userIds;
    private final String algorithm;
    private final Instant createdAt;
    private final Optional<Instant> expiresAt;
    private final Optional<Instant> usableUntil;
    private final String armored;
    private final PGPPublicKey encryptionSubkey;

    RecipientKey(String fingerprint, List<String> userIds, String algorithm, Instant createdAt,
            Optional<Instant> expiresAt, Optional<Instant> usableUntil, String armored,
            PGPPublicKey encryptionSubkey) {
        this.fingerprint = fingerprint;
        this.userIds = List.copyOf(userIds);
        this.algorithm = algorithm;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.usableUntil = usableUntil;
        this.armored = armored;
        this.encryptionSubkey = encryptionSubkey;
    }

    /** Upper-case hex of the primary key's v4 fingerprint, 40 characters. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The fingerprint in groups of four, the way people compare it aloud. */
    public String groupedFingerprint() {
        return Fingerprints.grouped(fingerprint);
    }

    public List<String> userIds() {
        return userIds;
    }

    public String algorithm() {
        return algorithm;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    /**
     * When submissions stop reaching this key: the earlier of the primary key's expiry and that of the
     * encryption subkey in use. Keys often keep a primary key for ever and renew short-lived subkeys, so the
     * primary key's expiry alone would miss the day the key stops working.
     */
    public Optional<Instant> usableUntil() {
        return usableUntil;
    }

    /** The ASCII-armored public certificate, as imported. */
    public String armored() {
        return armored;
    }

    PGPPublicKey encryptionSubkey() {
        return encryptionSubkey;
    }

    @Override
    public String toString() {
        return "RecipientKey[" + fingerprint + "]";
    }
}
