package org.postern.crypto;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * The SEIPD v1 integrity check (SHA-1 over the plaintext), computed by the JDK's SHA-1 on a second thread so
 * that it runs beside the cipher rather than after it. Plaintext is copied into a few reused buffers and handed
 * over when one is full; nothing is allocated per write. A message shorter than one buffer, or one that finds
 * no free {@link HelperThreads helper}, is hashed on the caller's thread.
 */
final class BackgroundSha1 implements PGPDigestCalculator {

    static final int BUFFER_BYTES = 1 << 16;
    private static final int BUFFERS = 4;
    private static final byte[] END = new byte[0];

    private final MessageDigest sha1 = newSha1();
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final HandOffStream stream = new HandOffStream();
    private final HelperThreads helpers;
    private Thread worker;
    private boolean inline;
    private boolean ended;

    BackgroundSha1(HelperThreads helpers) {
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

    /** Waits for the hashing thread to catch up, then hashes the last partial buffer here. */
    @Override
    public byte[] getDigest() {
        try {
            finishWorker();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the integrity check", e);
        }
        sha1.update(stream.current, 0, stream.filled);
        stream.filled = 0;
        return sha1.digest();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one message per calculator");
    }

    /** Lets the hashing thread end when the message is abandoned; safe to call more than once. */
    void release() {
        if (worker != null && !ended) {
            ended = full.offer(END);
        }
    }

    private void finishWorker() throws InterruptedException {
        if (worker != null) {
            if (!ended) {
                full.put(END);
                ended = true;
            }
            worker.join(); // happens-before: the worker's digest updates are visible from here on
        }
    }

    private void hashUntilEnd() {
        try {
            for (byte[] b = full.take(); b != END; b = full.take()) {
                sha1.update(b);
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class HandOffStream extends BufferFillingStream {

        HandOffStream() {
            super(BUFFER_BYTES, "hashing");
        }

        @Override
        void bufferFull() throws InterruptedException {
            if (worker == null && !inline) {
                for (int i = 1; i < BUFFERS; i++) {
                    free.add(new byte[BUFFER_BYTES]);
                }
                worker = helpers.tryStart("postern-mdc", BackgroundSha1.this::hashUntilEnd);
                inline = worker == null;
            }
            if (inline) {
                sha1.update(current, 0, filled);
            } else {
                full.put(current);
                current = free.take();
            }
            filled = 0;
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
