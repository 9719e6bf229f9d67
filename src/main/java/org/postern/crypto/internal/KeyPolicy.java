package org.postern.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.bcpg.ECDHPublicBCPGKey;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.bcpg.X25519PublicBCPGKey;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.postern.crypto.KeyRefusal;
import org.postern.crypto.KeyRejectedException;

/**
 * What a recipient key must be. Self-signatures are verified, not trusted: an unsigned subkey slipped into
 * a certificate must never receive submissions.
 */
public final class KeyPolicy {

    static final int MIN_RSA_BITS = 3072;
    static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
    /** Curve25519 in its legacy OpenPGP OID (1.3.6.1.4.1.3029.1.5.1), as GnuPG 2.2 writes cv25519. */
    static final ASN1ObjectIdentifier CURVE25519_LEGACY = new ASN1ObjectIdentifier("1.3.6.1.4.1.3029.1.5.1");
    /** Ed25519 in its legacy OpenPGP OID (1.3.6.1.4.1.11591.15.1). */
    static final ASN1ObjectIdentifier ED25519_LEGACY = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.15.1");

    private static final int[] CERTIFICATIONS = {PGPSignature.POSITIVE_CERTIFICATION,
        PGPSignature.CASUAL_CERTIFICATION, PGPSignature.NO_CERTIFICATION, PGPSignature.DEFAULT_CERTIFICATION,
        PGPSignature.DIRECT_KEY};

    private final BcPGPContentVerifierBuilderProvider verifiers = new BcPGPContentVerifierBuilderProvider();

    public void checkPrimary(PGPPublicKey primary, Instant now) throws KeyRejectedException {
        if (primary.getVersion() != PublicKeyPacket.VERSION_4) {
            throw new KeyRejectedException("This is a version " + primary.getVersion()
                    + " key. Investigators' GnuPG 2.2 reads only version 4 keys: make one with gpg --quick-gen-key.",
                    KeyRefusal.OLD_VERSION, primary.getVersion());
        }
        if (hasVerifiedSignature(primary, primary, PGPSignature.KEY_REVOCATION)) {
            throw new KeyRejectedException("This key has been revoked by its owner.", KeyRefusal.REVOKED);
        }
        if (latestSelfCertification(primary).isEmpty()) {
            throw new KeyRejectedException("This key has no valid self-signature: it may have been altered. "
                    + "Export it again with gpg --armor --export.", KeyRefusal.NO_SELF_SIGNATURE);
        }
        Optional<Instant> expiry = expiry(primary);
        if (expiry.isPresent() && !expiry.get().isAfter(now)) {
            throw new KeyRejectedException("This key expired on " + day(expiry.get()) + ".", KeyRefusal.EXPIRED,
                    day(expiry.get()));
        }
        Optional<KeyRejectedException> weakness = weakness(primary);
        if (weakness.isPresent()) {
            throw weakness.get();
        }
    }

    /**
     * Empty if {@code key} may receive submissions; else why not, with an empty message when it simply is not an
     * encryption key.
     */
    public Optional<KeyRejectedException> encryptionProblem(PGPPublicKey primary, PGPPublicKey key, Instant now) {
        Optional<PGPSignature> binding = key.isMasterKey()
                ? latestSelfCertification(primary)
                : latestVerified(primary, key, PGPSignature.SUBKEY_BINDING);
        if (binding.isEmpty() && !key.isMasterKey() && key.getSignatures().hasNext()) {
            // Signed, but not by this primary key: someone joined a subkey of their own to the certificate.
            return Optional.of(new KeyRejectedException("This key's subkey has no valid signature from its primary "
                    + "key, so the certificate may have been altered. Export it again from the owner's own GnuPG "
                    + "with gpg --armor --export.", KeyRefusal.UNBOUND_SUBKEY));
        }
        if (binding.isEmpty() || !mayEncrypt(key, binding.get())) {
            return Optional.of(new KeyRejectedException("", KeyRefusal.NOT_FOR_ENCRYPTION));
        }
        if (!key.isMasterKey() && hasVerifiedSignature(primary, key, PGPSignature.SUBKEY_REVOCATION)) {
            return Optional.of(new KeyRejectedException("This key's encryption subkey has been revoked.",
                    KeyRefusal.SUBKEY_REVOKED));
        }
        long validSeconds = binding.get().getHashedSubPackets().getKeyExpirationTime();
        if (validSeconds > 0) {
            Instant expiry = key.getCreationTime().toInstant().plusSeconds(validSeconds);
            if (!expiry.isAfter(now)) {
                return Optional.of(new KeyRejectedException(
                        "This key's encryption subkey expired on " + day(expiry) + ".", KeyRefusal.SUBKEY_EXPIRED,
                        day(expiry)));
            }
        }
        return weakness(key);
    }

    /** When {@code key} stops being able to encrypt on its own account: the expiry its binding signature sets. */
    public Optional<Instant> encryptionExpiry(PGPPublicKey primary, PGPPublicKey key) {
        if (key.isMasterKey()) {
            return expiry(primary);
        }
        return latestVerified(primary, key, PGPSignature.SUBKEY_BINDING)
                .map(binding -> binding.getHashedSubPackets().getKeyExpirationTime())
                .filter(seconds -> seconds > 0)
                .map(seconds -> key.getCreationTime().toInstant().plusSeconds(seconds));
    }

    public String describe(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> "RSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519 -> "ed25519";
            default -> "algorithm " + key.getAlgorithm();
        };
    }

    /**
     * The primary key's expiry as its latest verified self-signature sets it. Not {@code getValidSeconds()}: that
     * reads signatures unverified, so anyone could append one that claims a later expiry, or none.
     */
    public Optional<Instant> expiry(PGPPublicKey primary) {
        return latestSelfCertification(primary)
                .map(sig -> sig.getHashedSubPackets() == null ? 0L : sig.getHashedSubPackets().getKeyExpirationTime())
                .filter(seconds -> seconds > 0)
                .map(seconds -> primary.getCreationTime().toInstant().plusSeconds(seconds));
    }

    private Optional<KeyRejectedException> weakness(PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> {
                int bits = key.getBitStrength();
                if (bits < MIN_RSA_BITS) {
                    return Optional.of(new KeyRejectedException(
                            "RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits + ".",
                            KeyRefusal.RSA_TOO_SHORT, MIN_RSA_BITS, bits));
                }
                return rsaExponentProblem(key);
            }
            case PublicKeyAlgorithmTags.Ed25519 -> {
                return Optional.empty();
            }
            case PublicKeyAlgorithmTags.X25519 -> {
                return key.getPublicKeyPacket().getKey() instanceof X25519PublicBCPGKey x25519
                        ? Curve25519Points.problem(x25519.getKey()) : Optional.of(Curve25519Points.refusal());
            }
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> {
                return curveIs(key, ED25519_LEGACY) ? Optional.empty() : Optional.of(unsupported());
            }
            case PublicKeyAlgorithmTags.ECDH -> {
                if (!curveIs(key, CURVE25519_LEGACY)) {
                    return Optional.of(unsupported());
                }
                return Curve25519Points.problem(
                        Curve25519Points.legacyU(((ECDHPublicBCPGKey) key.getPublicKeyPacket().getKey()).getEncodedPoint()));
            }
            default -> {
                return Optional.of(unsupported());
            }
        }
    }

    private static KeyRejectedException unsupported() {
        return new KeyRejectedException("Postern accepts Curve25519 keys (ed25519 with cv25519) and RSA keys of "
                + MIN_RSA_BITS + " bits or more; this key uses another algorithm.", KeyRefusal.UNSUPPORTED_ALGORITHM,
                MIN_RSA_BITS);
    }

    /** A small exponent (3, 17, or worse 1) invites the padding and broadcast attacks that 65537 is chosen to avoid. */
    private static Optional<KeyRejectedException> rsaExponentProblem(PGPPublicKey key) {
        if (!(key.getPublicKeyPacket().getKey() instanceof RSAPublicBCPGKey rsa)) {
            return Optional.of(unsupported());
        }
        BigInteger e = rsa.getPublicExponent();
        if (e.compareTo(MIN_RSA_EXPONENT) >= 0 && e.testBit(0)) {
            return Optional.empty();
        }
        return Optional.of(new KeyRejectedException("This RSA key's public exponent is " + e
                + "; Postern accepts only exponents of 65537 or more, as GnuPG makes them. Make a new key with gpg.",
                KeyRefusal.RSA_EXPONENT, e.toString()));
    }

    private static boolean curveIs(PGPPublicKey key, ASN1ObjectIdentifier oid) {
        Object material = key.getPublicKeyPacket().getKey();
        if (material instanceof ECDHPublicBCPGKey ecdh) {
            return oid.equals(ecdh.getCurveOID());
        }
        return material instanceof ECPublicBCPGKey ec && oid.equals(ec.getCurveOID());
    }

    private static boolean mayEncrypt(PGPPublicKey key, PGPSignature binding) {
        PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
        if (hashed != null && hashed.hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
            return (hashed.getKeyFlags() & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
        }
        int a = key.getAlgorithm();
        return a == PublicKeyAlgorithmTags.RSA_GENERAL || a == PublicKeyAlgorithmTags.RSA_ENCRYPT
                || a == PublicKeyAlgorithmTags.ECDH || a == PublicKeyAlgorithmTags.X25519;
    }

    Optional<PGPSignature> latestSelfCertification(PGPPublicKey primary) {
        PGPSignature latest = null;
        for (int type : CERTIFICATIONS) {
            for (Iterator<PGPSignature> it = primary.getSignaturesOfType(type); it.hasNext();) {
                PGPSignature sig = it.next();
                if (sig.getKeyID() == primary.getKeyID() && verifiesSelfCertification(primary, sig)
                        && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))) {
                    latest = sig;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private boolean verifiesSelfCertification(PGPPublicKey primary, PGPSignature sig) {
        try {
            sig.init(verifiers, primary);
            if (sig.getSignatureType() == PGPSignature.DIRECT_KEY) {
                return sig.verifyCertification(primary);
            }
            for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext();) {
                byte[] id = ids.next();
                for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs.hasNext();) {
                    if (sigs.next() == sig) {
                        sig.init(verifiers, primary);
                        return sig.verifyCertification(id, primary);
                    }
                }
            }
            return false;
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private Optional<PGPSignature> latestVerified(PGPPublicKey primary, PGPPublicKey subkey, int type) {
        PGPSignature latest = null;
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(type); it.hasNext();) {
            PGPSignature sig = it.next();
            if (verifiesBinding(primary, subkey, sig)
                    && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))) {
                latest = sig;
            }
        }
        return Optional.ofNullable(latest);
    }

    private boolean hasVerifiedSignature(PGPPublicKey primary, PGPPublicKey key, int type) {
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext();) {
            PGPSignature sig = it.next();
            try {
                sig.init(verifiers, primary);
                boolean ok = key == primary ? sig.verifyCertification(primary) : sig.verifyCertification(primary, key);
                if (ok) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // A signature that does not verify revokes nothing.
            }
        }
        return false;
    }

    private boolean verifiesBinding(PGPPublicKey primary, PGPPublicKey subkey, PGPSignature sig) {
        try {
            sig.init(verifiers, primary);
            return sig.verifyCertification(primary, subkey);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
