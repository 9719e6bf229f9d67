package org.postern.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.concurrent.Executor;

/**
 * Encrypts everything written with {@link AesCfbEncryption} and passes the ciphertext on. The cipher and the
 * writes beneath run on a helper thread ({@link BufferHandOff}), each buffer encrypted in place, so that the
 * thread writing the plaintext (an upload's request thread, which also reads and parses the body) does only that.
 * Closing it closes the stream beneath.
 */
final class CfbEncryptingStream extends OutputStream {

    private final OutputStream out;
    private final BufferHandOff handOff;

    CfbEncryptingStream(AesCfbEncryption cipher, OutputStream out, Executor helpers) {
        this.out = out;
        this.handOff = new BufferHandOff(helpers, (buffer, length) -> {
            try {
                cipher.encrypt(buffer, 0, length, buffer, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("cipher failed", e);
            }
            out.write(buffer, 0, length);
        });
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        handOff.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
        handOff.write(b);
    }

    @Override
    public void flush() throws IOException {
        handOff.drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        handOff.drain();
        out.close();
    }

    /** Waits for the ciphertext in flight, without writing more: the message is being abandoned. */
    void settle() {
        handOff.settle();
    }
}
