package org.postern.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;

/**
 * Writes through a JDK {@link Cipher} into one reused buffer. Bouncy Castle's own cipher stream asks the cipher
 * for a new array on every write, which at upload rates means a steady stream of garbage.
 */
final class CfbEncryptingStream extends OutputStream {

    private static final int CHUNK = 1 << 16;

    private final Cipher cipher;
    private final OutputStream out;
    private final byte[] buffer;
    private final byte[] one = new byte[1];
    private boolean closed;

    CfbEncryptingStream(Cipher cipher, OutputStream out) {
        this.cipher = cipher;
        this.out = out;
        this.buffer = new byte[cipher.getOutputSize(CHUNK)];
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            while (len > 0) {
                int n = Math.min(len, CHUNK);
                int produced = cipher.update(b, off, n, buffer, 0);
                out.write(buffer, 0, produced);
                off += n;
                len -= n;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cipher failed", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Encrypts the last partial block, then closes the packet stream beneath (which ends the packet). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int produced = cipher.doFinal(buffer, 0);
            out.write(buffer, 0, produced);
        } catch (GeneralSecurityException e) {
            throw new IOException("cipher failed", e);
        } finally {
            out.close();
        }
    }
}
