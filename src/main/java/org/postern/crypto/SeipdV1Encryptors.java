package org.postern.crypto;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * Data encryptors for one SEIPD v1 message (AES-256, integrity packet), as Bouncy Castle's
 * {@code JcePGPDataEncryptorBuilder} makes them, with one change for speed: the cipher
 * ({@link CfbEncryptingStream}) and the SHA-1 integrity check ({@link BackgroundSha1}) each run on a thread of
 * their own when a {@link HelperThreads helper} is free, through reused buffers. The cipher is the JDK's AES
 * (AES-NI) in plain CFB with a zero IV, which is what SEIPD v1 specifies: the random prefix that Bouncy Castle
 * writes first plays the part of the IV. Packets, prefix and MDC are still Bouncy Castle's.
 */
final class SeipdV1Encryptors implements PGPDataEncryptorBuilder {

    private static final int AES_BLOCK = 16;

    private final SecureRandom random;
    private final HelperThreads helpers;
    private BackgroundSha1 integrity;
    private CfbEncryptingStream encryption;

    SeipdV1Encryptors(SecureRandom random, HelperThreads helpers) {
        this.random = random;
        this.helpers = helpers;
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[AES_BLOCK]));
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot start AES-256", e);
        }
        BackgroundSha1 mdc = new BackgroundSha1(helpers);
        integrity = mdc;
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                encryption = new CfbEncryptingStream(cipher, out, helpers);
                return encryption;
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

    /** Ends the hashing and cipher threads of a message that was abandoned before it was closed. */
    void release() {
        if (integrity != null) {
            integrity.release();
        }
        if (encryption != null) {
            encryption.release();
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
