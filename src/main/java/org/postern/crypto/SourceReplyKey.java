package org.postern.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.security.auth.Destroyable;

import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * A logged-in source's reply private key, in memory only. It opens replies addressed to this one key and
 * nothing else: submissions are never encrypted to it.
 */
public final class SourceReplyKey implements Destroyable {

    /** Replies are short messages; anything larger is not a reply. */
    static final int MAX_REPLY_BYTES = 1 << 20;

    private volatile PGPKeyPair pair;

    SourceReplyKey(PGPKeyPair pair) {
        this.pair = pair;
    }

    public String decryptReply(InputStream ciphertext) throws IOException {
        PGPKeyPair current = pair;
        if (current == null) {
            throw new IllegalStateException("reply key destroyed");
        }
        try {
            PGPPublicKeyEncryptedData data = findOurs(ciphertext, current.getKeyID());
            if (!data.isIntegrityProtected()) {
                throw new IOException("reply has no integrity protection");
            }
            InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(current.getPrivateKey()));
            Object next = new BcPGPObjectFactory(clear).nextObject();
            if (!(next instanceof PGPLiteralData literal)) {
                throw new IOException("reply is not literal data");
            }
            byte[] text = readBounded(literal.getDataStream());
            if (!data.verify()) {
                throw new IOException("reply failed its integrity check");
            }
            return new String(text, StandardCharsets.UTF_8);
        } catch (PGPException e) {
            throw new IOException("cannot decrypt reply", e);
        }
    }

    private static PGPPublicKeyEncryptedData findOurs(InputStream in, long keyId) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        Object first = factory.nextObject();
        if (!(first instanceof PGPEncryptedDataList list)) {
            throw new IOException("not an encrypted message");
        }
        for (PGPEncryptedData candidate : list) {
            if (candidate instanceof PGPPublicKeyEncryptedData pk && pk.getKeyID() == keyId) {
                return pk;
            }
        }
        throw new IOException("reply is not addressed to this source");
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0;) {
            if (out.size() + n > MAX_REPLY_BYTES) {
                throw new IOException("reply too large");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void destroy() {
        // Bouncy Castle keeps the scalar in an immutable parameter object; dropping the reference is what we can do.
        pair = null;
    }

    @Override
    public boolean isDestroyed() {
        return pair == null;
    }

    @Override
    public String toString() {
        return "SourceReplyKey[REDACTED]";
    }
}
