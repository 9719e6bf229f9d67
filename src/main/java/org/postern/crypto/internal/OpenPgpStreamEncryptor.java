package org.postern.crypto.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.concurrent.Executor;

import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * OpenPGP that GnuPG 2.2 reads: v4 keys, SEIPD v1 with the integrity packet, AES-256, no compression,
 * binary. The data cipher is the JDK's AES (AES-NI) in CFB, with the integrity check's SHA-1 on a helper thread
 * ({@link SeipdV1Encryptors}); packets, the integrity packet and the per-recipient key wrap are Bouncy Castle's.
 * After the literal data, still inside the encryption, {@link SizePadding} pads the message so that its size says
 * little about the plaintext's. Other modules reach it only through crypto's {@code SubmissionEncryptor} and
 * {@code ReplyEncryptor}.
 */
@Component
public class OpenPgpStreamEncryptor {

    static final int BUFFER_BYTES = 1 << 16;

    private final SecureRandom random;
    private final Executor helpers;
    private final SizePadding padding;

    @Autowired
    OpenPgpStreamEncryptor(SecureRandom random, @Qualifier(CryptoModule.HELPERS) Executor helpers) {
        this(random, helpers, SizePadding.PADME);
    }

    OpenPgpStreamEncryptor(SecureRandom random, Executor helpers, SizePadding padding) {
        this.random = random;
        this.helpers = helpers;
        this.padding = padding;
    }

    /**
     * Opens a plaintext stream whose bytes are encrypted to every key in {@code recipients} into {@code sink}. Closing
     * the returned stream pads and finishes the message; it does not close the sink.
     */
    public OutputStream open(OutputStream sink, Collection<PGPPublicKey> keys, String fileName, LocalDate day)
            throws IOException {
        SeipdV1Encryptors data = new SeipdV1Encryptors(random, helpers);
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(data);
        for (PGPPublicKey key : keys) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
        }
        OutputStream encrypted;
        try {
            encrypted = generator.open(new UnclosableStream(sink), new byte[BUFFER_BYTES]);
        } catch (PGPException e) {
            throw new IOException("cannot start OpenPGP encryption", e);
        }
        CountingStream content = new CountingStream(encrypted);
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream plaintext = literal.open(content, PGPLiteralData.BINARY, LiteralNames.safe(fileName),
                Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)), new byte[BUFFER_BYTES]);
        return new FilterOutputStream(plaintext) {
            private boolean closed;
            private boolean failed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    if (failed) {
                        // Ending the packets would only write to the sink that just failed; the ciphertext
                        // already handed to a helper lands first, so that the caller can discard the sink.
                        data.settle();
                        throw new IOException("the message was abandoned after an earlier failure");
                    }
                    plaintext.close();
                    long length = content.count();
                    SizePadding.MarkerPadding.write(encrypted, padding.paddedLength(length) - length);
                    encrypted.close();
                }
            }
        };
    }

    /** Counts the encrypted content's bytes; closing it leaves the encrypted stream open for the padding. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the literal data generator closes its sink; the padding still follows
        }

        long count() {
            return count;
        }
    }

    /** Closing the OpenPGP layers must not close the blob file: the caller still has to sync and publish it. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
