package org.postern.crypto.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/**
 * Encrypts everything written with {@link AesCfbEncryption} and passes the ciphertext on, through one reused
 * buffer; nothing is allocated per write. Closing it closes the stream beneath.
 */
final class CfbEncryptingStream extends FilterOutputStream {

    private final AesCfbEncryption cipher;
    private final byte[] ciphertext = new byte[AesCfbEncryption.CHUNK];

    CfbEncryptingStream(AesCfbEncryption cipher, OutputStream out) {
        super(out);
        this.cipher = cipher;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, ciphertext.length);
            try {
                cipher.encrypt(b, off, n, ciphertext, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("cipher failed", e);
            }
            out.write(ciphertext, 0, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
