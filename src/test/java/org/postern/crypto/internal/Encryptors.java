package org.postern.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.Executor;

/** Test-only access to the OpenPGP machinery, for crypto's own tests and the benchmark harness. */
public final class Encryptors {

    private Encryptors() {
    }

    /** The production stream encryptor, Padmé padding included, with these helper threads. */
    public static OpenPgpStreamEncryptor padded(Executor helpers) {
        return new OpenPgpStreamEncryptor(new SecureRandom(), helpers);
    }

    /** The same encryptor without padding, for size comparisons. */
    public static OpenPgpStreamEncryptor unpadded() {
        return new OpenPgpStreamEncryptor(new SecureRandom(), TestHelpers.POOL, SizePadding.NONE);
    }

    /** Postern's AES-256/CFB alone over {@code bytes} of zeros in memory, 64 KiB per call. */
    public static void cfb(long bytes) {
        try {
            AesCfbEncryption cfb = new AesCfbEncryption(new byte[32], new byte[16]);
            byte[] in = new byte[AesCfbEncryption.CHUNK];
            byte[] out = new byte[AesCfbEncryption.CHUNK];
            for (long done = 0; done < bytes; done += in.length) {
                cfb.encrypt(in, 0, in.length, out, 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
