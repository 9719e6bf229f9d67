package org.postern.crypto;

import org.postern.crypto.internal.AesCfbEncryption;
import org.postern.crypto.internal.OpenPgpStreamEncryptor;
import org.postern.crypto.internal.TestHelpers;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;

/** Test-only access to the production encryptor and key parser, for the benchmark harness. */
public final class BenchmarkEncryptors {

    private BenchmarkEncryptors() {
    }

    public static SubmissionEncryptor submissionEncryptor() {
        return new OpenPgpStreamEncryptor(new SecureRandom(), TestHelpers.POOL);
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

    public static RecipientKey parse(String armored) {
        try {
            return new RecipientKeyParser(Clock.systemUTC()).parse(armored);
        } catch (KeyRejectedException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
