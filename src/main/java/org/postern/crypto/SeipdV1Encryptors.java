package org.postern.crypto;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;

/**
 * Data encryptors for one SEIPD v1 message (AES-256, integrity packet), as Bouncy Castle's
 * {@code JcePGPDataEncryptorBuilder} makes them, with the cipher swapped for {@link AesCfbEncryption}: the JDK's
 * AES (AES-NI) in plain CFB with a zero IV, which is what SEIPD v1 specifies (the random prefix that Bouncy
 * Castle writes first plays the part of the IV). Packets, prefix and the SHA-1 integrity packet stay Bouncy
 * Castle's.
 */
final class SeipdV1Encryptors implements PGPDataEncryptorBuilder {

    private static final int AES_BLOCK = 16;

    private final SecureRandom random;

    SeipdV1Encryptors(SecureRandom random) {
        this.random = random;
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        AesCfbEncryption cipher;
        try {
            cipher = new AesCfbEncryption(keyBytes, new byte[AES_BLOCK]);
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot start AES-256", e);
        }
        // SEIPD v1's modification detection code is SHA-1 by definition (RFC 4880, 5.14).
        PGPDigestCalculator mdc = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                return new CfbEncryptingStream(cipher, out);
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
