package org.postern.crypto;

import java.util.Date;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.springframework.stereotype.Component;

/**
 * A source's reply key pair is re-derived from the codename's reply seed, so the server never stores its
 * private half. The creation time is a fixed constant: the key must come out identical every time, and it
 * must not date the source's first visit.
 */
@Component
public class ReplyKeys {

    private static final Date FIXED_CREATION = new Date(1_700_000_000_000L);

    public ReplyPublicKey publicKey(SourceSecrets secrets) {
        return ReplyPublicKey.of(derive(secrets).getPublicKey());
    }

    /**
     * Re-derives the private reply key into memory. The source side may hold it only while that source is
     * logged in, and must {@link SourceReplyKey#destroy()} it at logout.
     */
    public SourceReplyKey derivePrivateKeyRisky(SourceSecrets secrets) {
        return new SourceReplyKey(derive(secrets));
    }

    private static PGPKeyPair derive(SourceSecrets secrets) {
        byte[] seed = secrets.replySeed().copyBytesRisky();
        try {
            // Clamp as X25519 would anyway. Bouncy Castle stores the scalar as an integer, which drops a leading
            // zero byte and then fails to rebuild the key; a clamped scalar never has one.
            seed[0] &= (byte) 248;
            seed[31] &= (byte) 127;
            seed[31] |= (byte) 64;
            X25519PrivateKeyParameters privateKey = new X25519PrivateKeyParameters(seed, 0);
            AsymmetricCipherKeyPair pair = new AsymmetricCipherKeyPair(privateKey.generatePublicKey(), privateKey);
            return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH, pair, FIXED_CREATION);
        } catch (PGPException e) {
            throw new IllegalStateException("cannot build the reply key", e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }
}
