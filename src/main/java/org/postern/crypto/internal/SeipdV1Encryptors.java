package org.postern.crypto.internal;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.Executor;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * Data encryptors for one SEIPD v1 message (AES-256, integrity packet), as Bouncy Castle's
 * {@code JcePGPDataEncryptorBuilder} makes them, with the cipher swapped for {@link AesCfbEncryption}: the JDK's
 * AES (AES-NI) in plain CFB with a zero IV, which is what SEIPD v1 specifies (the random prefix that Bouncy
 * Castle writes first plays the part of the IV), on a helper thread ({@link CfbEncryptingStream}), and the
 * integrity check's SHA-1 on another beside it ({@link BackgroundSha1}). Packets, prefix and the integrity packet
 * stay Bouncy Castle's.
 */
final class SeipdV1Encryptors implements PGPDataEncryptorBuilder {

    private static final int AES_BLOCK = 16;

    private final SecureRandom random;
    private final Executor helpers;
    /** The cipher stream and integrity check of the message being built, once Bouncy Castle has asked for them. */
    private CfbEncryptingStream cipherStream;
    private BackgroundSha1 mdc;

    SeipdV1Encryptors(SecureRandom random, Executor helpers) {
        this.random = random;
        this.helpers = helpers;
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        AesCfbEncryption cipher;
        try {
            cipher = new AesCfbEncryption(keyBytes, new byte[AES_BLOCK]);
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot start AES-256", e);
        }
        mdc = new BackgroundSha1(helpers);
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                cipherStream = new CfbEncryptingStream(cipher, out, helpers);
                return cipherStream;
            }

            @Override
            public PGPDigestCalculator getIntegrityCalculator() {
                return mdc;
            }

            @Override
            public int getBlockSize() {
                return AES_BLOCK;
            }
        };
    }

    /**
     * Waits for the ciphertext still on its way to the sink, writing nothing more, and zeroes the plaintext the
     * helpers held: the message is abandoned.
     */
    void settle() {
        if (cipherStream != null) {
            cipherStream.settle();
        }
        if (mdc != null) {
            mdc.settle();
        }
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes, byte[] ivOrSalt) {
        throw new UnsupportedOperationException("AEAD (SEIPD v2) is not produced: GnuPG 2.2 cannot read it");
    }

    @Override
    public int getAlgorithm() {
        return SymmetricKeyAlgorithmTags.AES_256;
    }

    @Override
    public int getAeadAlgorithm() {
        return -1;
    }

    @Override
    public int getChunkSize() {
        return 0;
    }

    @Override
    public boolean isV5StyleAEAD() {
        return false;
    }

    @Override
    public SecureRandom getSecureRandom() {
        return random;
    }

    @Override
    public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
        if (!withIntegrityPacket) {
            throw new UnsupportedOperationException("the integrity packet is always on");
        }
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
        throw new UnsupportedOperationException("AEAD (SEIPD v2) is not produced: GnuPG 2.2 cannot read it");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV5AEAD() {
        throw new UnsupportedOperationException("AEAD is not produced");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV6AEAD() {
        throw new UnsupportedOperationException("AEAD is not produced");
    }
}
