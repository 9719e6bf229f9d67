package org.postern.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Executor;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * SEIPD v1's integrity check, SHA-1 over the plaintext, computed on a helper thread ({@link BufferHandOff}) so
 * that it runs beside the cipher rather than after it.
 */
final class BackgroundSha1 implements PGPDigestCalculator {

    private final MessageDigest sha1 = newSha1();
    private final BufferHandOff stream;

    BackgroundSha1(Executor helpers) {
        stream = new BufferHandOff(helpers, (buffer, length) -> sha1.update(buffer, 0, length));
    }

    @Override
    public int getAlgorithm() {
        return HashAlgorithmTags.SHA1;
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public byte[] getDigest() {
        try {
            stream.drain();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e.getCause());
        }
        return sha1.digest();
    }

    /** Waits for the hashing in flight and zeroes the plaintext buffers: the message is being abandoned. */
    void settle() {
        stream.settle();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one message per calculator");
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
