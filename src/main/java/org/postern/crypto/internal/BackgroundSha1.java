package org.postern.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * SEIPD v1's integrity check, SHA-1 over the plaintext, computed on a helper thread so that it runs beside the
 * cipher rather than after it. Plaintext is copied into a few reused 64 KiB buffers; each full one is hashed by
 * a task chained after the one before, so the digest sees the bytes in order. A message shorter than one buffer
 * is hashed on the caller's thread.
 */
final class BackgroundSha1 implements PGPDigestCalculator {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int BUFFERS = 4;

    private final MessageDigest sha1 = newSha1();
    private final Executor helpers;
    private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final OutputStream stream = new Copying();
    private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
    private byte[] current = new byte[BUFFER_BYTES];
    private int filled;
    private int buffers = 1;

    BackgroundSha1(Executor helpers) {
        this.helpers = helpers;
    }

    @Override
    public int getAlgorithm() {
        return HashAlgorithmTags.SHA1;
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    /** Waits for the helper to hash every full buffer, then hashes the last partial one here. */
    @Override
    public byte[] getDigest() {
        try {
            awaitHashed();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e.getCause());
        }
        sha1.update(current, 0, filled);
        filled = 0;
        return sha1.digest();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one message per calculator");
    }

    private void handOver() throws IOException {
        byte[] full = current;
        hashed = hashed.thenRunAsync(() -> {
            sha1.update(full);
            free.add(full);
        }, helpers);
        current = free.poll();
        if (current == null && buffers < BUFFERS) {
            current = new byte[BUFFER_BYTES];
            buffers++;
        }
        if (current == null) {
            awaitHashed(); // every buffer handed over is back once the last task is done
            current = free.poll();
        }
        filled = 0;
    }

    /** join() also makes the helper's digest updates visible here. */
    private void awaitHashed() throws IOException {
        try {
            hashed.join();
        } catch (CompletionException e) {
            throw new IOException("the integrity check failed", e.getCause());
        }
    }

    private final class Copying extends OutputStream {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, BUFFER_BYTES - filled);
                System.arraycopy(b, off, current, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == BUFFER_BYTES) {
                    handOver();
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    private static MessageDigest newSha1() {
        try {
            // SEIPD v1's modification detection code is SHA-1 by definition (RFC 4880, 5.14).
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
