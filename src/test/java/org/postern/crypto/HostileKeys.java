package org.postern.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.ECDHPublicBCPGKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.PublicSubkeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * Certificates an attacker (or a broken key generator) could hand an admin, built with Bouncy Castle: each is
 * well-formed OpenPGP with genuine signatures wherever the attack does not need a false one.
 */
public final class HostileKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A point of order 8 on Curve25519 (u-coordinate, little-endian), from the list of RFC 7748 implementations. */
    private static final byte[] ORDER_8_POINT = java.util.HexFormat.of()
            .parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    /** Curve25519 in its legacy OpenPGP OID, as GnuPG 2.2 writes cv25519. */
    private static final ASN1ObjectIdentifier CURVE25519_LEGACY = new ASN1ObjectIdentifier("1.3.6.1.4.1.3029.1.5.1");

    private HostileKeys() {
    }

    /**
     * A key created 30 days ago that expired 20 days ago by its genuine self-signature, with a second, newer
     * "self-signature" that claims it never expires but was not made by the key (its signature value is altered).
     */
    public static String expiredWithForgedRenewal() {
        try {
            Instant created = Instant.now().minus(Duration.ofDays(30));
            PGPKeyPair primary = ed25519(created);
            String uid = "Renewed <renewed@example.org>";
            PGPSignature genuine = certification(primary, uid, created.plusSeconds(60), Duration.ofDays(10));
            PGPSignature forged = forge(certification(primary, uid, Instant.now().minusSeconds(60), null));
            PGPPublicKey key = PGPPublicKey.addCertification(primary.getPublicKey(), uid, genuine);
            key = PGPPublicKey.addCertification(key, uid, forged);
            PGPKeyPair sub = ecdhSubkey(created);
            return armored(key, bind(primary, sub.getPublicKey(), created.plusSeconds(60)));
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A well-signed key whose encryption subkey is RSA-3072 with public exponent 3. Made once per test JVM: the
     * RSA key generation takes seconds, and every test that asks only needs such a key.
     */
    public static String rsaExponent3() {
        return SmallExponent.KEY;
    }

    private static final class SmallExponent {
        static final String KEY = makeRsaExponent3();
    }

    private static String makeRsaExponent3() {
        try {
            Instant created = Instant.now().minus(Duration.ofDays(1));
            PGPKeyPair primary = ed25519(created);
            String uid = "Small e <small-e@example.org>";
            PGPPublicKey key = PGPPublicKey.addCertification(primary.getPublicKey(), uid,
                    certification(primary, uid, created.plusSeconds(60), null));
            RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
            rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(3), RANDOM, 3072, 80));
            PGPPublicKey sub = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(),
                    Date.from(created)).getPublicKey();
            return armored(key, bind(primary, sub, created.plusSeconds(60)));
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-signed key whose cv25519 encryption subkey is a point of small order, or zero. */
    public static String x25519SmallOrder(boolean zero) {
        try {
            Instant created = Instant.now().minus(Duration.ofDays(1));
            PGPKeyPair primary = ed25519(created);
            String uid = "Small order <small-order@example.org>";
            PGPPublicKey key = PGPPublicKey.addCertification(primary.getPublicKey(), uid,
                    certification(primary, uid, created.plusSeconds(60), null));
            byte[] encoded = new byte[33];
            encoded[0] = 0x40;
            if (!zero) {
                System.arraycopy(ORDER_8_POINT, 0, encoded, 1, 32);
            }
            PGPPublicKey sub = new PGPPublicKey(new PublicKeyPacket(PublicKeyPacket.VERSION_4,
                    PublicKeyAlgorithmTags.ECDH, Date.from(created), new ECDHPublicBCPGKey(CURVE25519_LEGACY,
                            new BigInteger(1, encoded), HashAlgorithmTags.SHA256, SymmetricKeyAlgorithmTags.AES_128)),
                    new BcKeyFingerprintCalculator());
            return armored(key, bind(primary, sub, created.plusSeconds(60)));
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPKeyPair ed25519(Instant created) throws PGPException {
        Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
        gen.init(new Ed25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, pair, Date.from(created));
    }

    private static PGPKeyPair ecdhSubkey(Instant created) throws PGPException {
        org.bouncycastle.crypto.generators.X25519KeyPairGenerator gen =
                new org.bouncycastle.crypto.generators.X25519KeyPairGenerator();
        gen.init(new org.bouncycastle.crypto.params.X25519KeyGenerationParameters(RANDOM));
        return new BcPGPKeyPair(PublicKeyAlgorithmTags.ECDH, gen.generateKeyPair(), Date.from(created));
    }

    private static PGPSignature certification(PGPKeyPair primary, String uid, Instant at, Duration validFor)
            throws PGPException {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(true, Date.from(at));
        hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        hashed.setIssuerFingerprint(false, primary.getPublicKey());
        if (validFor != null) {
            hashed.setKeyExpirationTime(true, validFor.toSeconds());
        }
        PGPSignatureGenerator gen = generator(primary);
        gen.init(PGPSignature.POSITIVE_CERTIFICATION, primary.getPrivateKey());
        gen.setHashedSubpackets(hashed.generate());
        return gen.generateCertification(uid, primary.getPublicKey());
    }

    private static PGPPublicKey bind(PGPKeyPair primary, PGPPublicKey key, Instant at) throws PGPException {
        PublicKeyPacket packet = key.getPublicKeyPacket();
        PGPPublicKey subkey = new PGPPublicKey(new PublicSubkeyPacket(packet.getVersion(), packet.getAlgorithm(),
                packet.getTime(), packet.getKey()), new BcKeyFingerprintCalculator());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(true, Date.from(at));
        hashed.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        hashed.setIssuerFingerprint(false, primary.getPublicKey());
        PGPSignatureGenerator gen = generator(primary);
        gen.init(PGPSignature.SUBKEY_BINDING, primary.getPrivateKey());
        gen.setHashedSubpackets(hashed.generate());
        return PGPPublicKey.addCertification(subkey, gen.generateCertification(primary.getPublicKey(), subkey));
    }

    private static PGPSignatureGenerator generator(PGPKeyPair primary) {
        return new PGPSignatureGenerator(new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(),
                HashAlgorithmTags.SHA256), primary.getPublicKey());
    }

    /** The same signature packet with its last byte (inside the signature value) changed. */
    private static PGPSignature forge(PGPSignature sig) {
        try {
            byte[] bytes = sig.getEncoded();
            bytes[bytes.length - 1] ^= 0x01;
            return new org.bouncycastle.openpgp.bc.BcPGPObjectFactory(bytes).nextObject() instanceof
                    org.bouncycastle.openpgp.PGPSignatureList list ? list.get(0) : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armored(PGPPublicKey primary, PGPPublicKey subkey) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
                new PGPPublicKeyRing(List.of(primary, subkey)).encode(armor);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
