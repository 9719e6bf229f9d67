package org.postern.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

import javax.security.auth.Destroyable;

/** Secret key material that never prints and can be wiped. Compares in constant time. */
public final class SecretBytes implements Destroyable, AutoCloseable {

    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not keep or reuse the array. */
    public static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    /** A copy of the secret; the caller wipes it when done. */
    public byte[] copyBytesRisky() {
        if (destroyed) {
            throw new IllegalStateException("secret already destroyed");
        }
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean equalsConstantTime(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
