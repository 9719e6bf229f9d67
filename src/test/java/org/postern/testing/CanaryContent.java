package org.postern.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generated file content, never written to disk by the test: pseudo-random bytes with a known canary at the
 * start, in the middle and at the end, so any plaintext that leaks anywhere can be found.
 */
public final class CanaryContent extends BlockInput {

    private final long length;
    private final byte[] canary;
    private final Random random;
    private long position;

    public CanaryContent(long length, String canary, long seed) {
        this.length = length;
        this.canary = canary.getBytes(StandardCharsets.US_ASCII);
        this.random = new Random(seed);
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
    }

    public static String sha256(long length, String canary, long seed) {
        try {
            return BlockInput.sha256(new CanaryContent(length, canary, seed));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        byte[] chunk = new byte[n];
        random.nextBytes(chunk);
        for (long anchor : new long[] {0, length / 2, length - canary.length}) {
            for (int i = 0; i < canary.length; i++) {
                long p = anchor + i;
                if (p >= position && p < position + n) {
                    chunk[(int) (p - position)] = canary[i];
                }
            }
        }
        System.arraycopy(chunk, 0, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
    }
}
