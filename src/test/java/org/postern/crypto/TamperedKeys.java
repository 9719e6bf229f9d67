package org.postern.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** Builds certificates whose subkey binding no longer verifies, the way an attacker in the middle might. */
final class TamperedKeys {

    private TamperedKeys() {
    }

    /** Re-attaches the encryption subkey with a binding signature taken from another subkey position. */
    static String corruptSubkeyBindingSignature(String armored) {
        try {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(
                    new ArmoredInputStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII))),
                    new BcKeyFingerprintCalculator());
            PGPPublicKey primary = ring.getPublicKey();
            List<PGPPublicKey> keys = new ArrayList<>();
            keys.add(primary);
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
                PGPPublicKey k = it.next();
                if (k.isMasterKey()) {
                    continue;
                }
                // Strip the genuine binding and bind with the primary's own self-signature instead: a
                // signature that exists, but does not certify this subkey.
                PGPPublicKey stripped = k;
                for (Iterator<PGPSignature> s = k.getSignatures(); s.hasNext();) {
                    stripped = PGPPublicKey.removeCertification(stripped, s.next());
                }
                PGPSignature foreign = primary.getSignatures().next();
                keys.add(PGPPublicKey.addCertification(stripped, foreign));
            }
            PGPPublicKeyRing rebuilt = new PGPPublicKeyRing(keys);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                rebuilt.encode(armor);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same certificate with the signature value of every self-certification altered, so none verifies. */
    static String forgeEverySelfSignature(String armored) {
        try {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(
                    new ArmoredInputStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII))),
                    new BcKeyFingerprintCalculator());
            PGPPublicKey primary = ring.getPublicKey();
            List<String> ids = new ArrayList<>();
            primary.getUserIDs().forEachRemaining(ids::add);
            PGPPublicKey forged = primary;
            for (String id : ids) {
                for (Iterator<PGPSignature> s = primary.getSignaturesForID(id); s.hasNext();) {
                    PGPSignature sig = s.next();
                    forged = PGPPublicKey.removeCertification(forged, id, sig);
                    forged = PGPPublicKey.addCertification(forged, id, altered(sig));
                }
            }
            List<PGPPublicKey> keys = new ArrayList<>();
            keys.add(forged);
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
                PGPPublicKey k = it.next();
                if (!k.isMasterKey()) {
                    keys.add(k);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                new PGPPublicKeyRing(keys).encode(armor);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPSignature altered(PGPSignature sig) throws IOException {
        byte[] bytes = sig.getEncoded();
        bytes[bytes.length - 1] ^= 0x01;
        Object read = new org.bouncycastle.openpgp.bc.BcPGPObjectFactory(bytes).nextObject();
        return ((org.bouncycastle.openpgp.PGPSignatureList) read).get(0);
    }
}
