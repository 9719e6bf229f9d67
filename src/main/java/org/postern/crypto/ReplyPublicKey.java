package org.postern.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.Packet;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** The public half of a source's reply key: an OpenPGP v4 cv25519 key packet, safe to store. */
public final class ReplyPublicKey {

    private final byte[] encoded;

    private ReplyPublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    public static ReplyPublicKey fromStored(byte[] encoded) {
        ReplyPublicKey key = new ReplyPublicKey(encoded.clone());
        key.toPgp();
        return key;
    }

    static ReplyPublicKey of(PGPPublicKey key) {
        try {
            return new ReplyPublicKey(key.getPublicKeyPacket().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    PGPPublicKey toPgp() {
        try {
            Packet packet = new BCPGInputStream(new ByteArrayInputStream(encoded)).readPacket();
            if (!(packet instanceof PublicKeyPacket publicKey)) {
                throw new IllegalArgumentException("not a public key packet");
            }
            return new PGPPublicKey(publicKey, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException("damaged reply public key", e);
        }
    }
}
