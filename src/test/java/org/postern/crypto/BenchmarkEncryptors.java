package org.postern.crypto;

import java.security.SecureRandom;
import java.time.Clock;

/** Test-only access to the production encryptor and key parser, for the benchmark harness. */
public final class BenchmarkEncryptors {

    private BenchmarkEncryptors() {
    }

    public static SubmissionEncryptor submissionEncryptor() {
        return new OpenPgpStreamEncryptor(new SecureRandom());
    }

    public static RecipientKey parse(String armored) {
        try {
            return new RecipientKeyParser(Clock.systemUTC()).parse(armored);
        } catch (KeyRejectedException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
