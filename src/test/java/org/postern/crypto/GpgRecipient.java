package org.postern.crypto;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.postern.testing.GnuPG;

/**
 * A recipient key the real gpg made, as Postern's parser reads it; the gpg home keeps the secret half, so that
 * gpg decrypts what Postern encrypted to {@link #key()}.
 */
record GpgRecipient(GnuPG home, String fingerprint, RecipientKey key) {

    private static final Map<Integer, GpgRecipient> SHARED_RSA = new HashMap<>();

    /** An ed25519 key with a cv25519 encryption subkey, as gpg makes by default. */
    static GpgRecipient curve25519(GnuPG home, String uid) {
        return parsed(home, home.generateCurve25519(uid));
    }

    /** An RSA key of {@code bits} with an RSA encryption subkey of the same size. */
    private static GpgRecipient rsa(GnuPG home, String uid, int bits) {
        return parsed(home, home.generateRsa(uid, bits));
    }

    /**
     * An RSA recipient of {@code bits} that gpg makes once for this test JVM, in a home of its own that only it
     * uses and that goes when the JVM exits: gpg takes seconds to make an RSA-4096 key, and the classes that share
     * it only encrypt to it and decrypt with it.
     */
    static synchronized GpgRecipient sharedRsa(int bits) {
        return SHARED_RSA.computeIfAbsent(bits, b -> {
            GnuPG home = GnuPG.create();
            Runtime.getRuntime().addShutdownHook(new Thread(home::close));
            return rsa(home, "R <r@example.org>", b);
        });
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
