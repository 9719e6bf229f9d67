package org.postern.crypto;

import java.time.Clock;

import org.postern.testing.GnuPG;

/**
 * A recipient key the real gpg made, as Postern's parser reads it; the gpg home keeps the secret half, so that
 * gpg decrypts what Postern encrypted to {@link #key()}.
 */
record GpgRecipient(GnuPG home, String fingerprint, RecipientKey key) {

    /** An ed25519 key with a cv25519 encryption subkey, as gpg makes by default. */
    static GpgRecipient curve25519(GnuPG home, String uid) {
        return parsed(home, home.generateCurve25519(uid));
    }

    /** An RSA key of {@code bits} with an RSA encryption subkey of the same size. */
    static GpgRecipient rsa(GnuPG home, String uid, int bits) {
        return parsed(home, home.generateRsa(uid, bits));
    }

    private static GpgRecipient parsed(GnuPG home, String fingerprint) {
        try {
            return new GpgRecipient(home, fingerprint,
                    new RecipientKeyParser(Clock.systemUTC()).parse(home.exportArmored(fingerprint)));
        } catch (KeyRejectedException e) {
            throw new IllegalStateException("gpg's key was refused: " + e.getMessage(), e);
        }
    }
}
