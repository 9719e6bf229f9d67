package org.postern.crypto;

import java.time.Clock;

import org.postern.crypto.internal.Encryptors;
import org.postern.crypto.internal.TestHelpers;

/** Test-only access to the production encryptor and key parser, for the benchmark harness. */
public final class BenchmarkEncryptors {

    private BenchmarkEncryptors() {
    }

    public static SubmissionEncryptor submissionEncryptor() {
        return new OpenPgpSubmissionEncryptor(Encryptors.padded(TestHelpers.POOL));
    }

    /** Postern's AES-256/CFB alone over {@code bytes} of zeros in memory, 64 KiB per call. */
    public static void cfb(long bytes) {
        Encryptors.cfb(bytes);
    }

    public static RecipientKey parse(String armored) {
        try {
            return new RecipientKeyParser(Clock.systemUTC()).parse(armored);
        } catch (KeyRejectedException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
