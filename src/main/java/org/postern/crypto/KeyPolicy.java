package org.postern.crypto;

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
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * What a recipient key must be. Self-signatures are verified, not trusted: an unsigned subkey slipped into
 * a certificate must never receive submissions.
 */
final class KeyPolicy {

    static final int MIN_RSA_BITS = 3072;
    /** Curve25519 in its legacy OpenPGP OID (1.3.6.1.4.1.3029.1.5.1), as GnuPG 2.2 writes cv25519. */
    static final ASN1ObjectIdentifier CURVE25519_LEGACY = new ASN1ObjectIdentifier("1.3.6.1.4.1.3029.1.5.1");
    /** Ed25519 in its legacy OpenPGP OID (1.3.6.1.4.1.11591.15.1). */
    static final ASN1ObjectIdentifier ED25519_LEGACY = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.15.1");

    private static final int[] CERTIFICATIONS = {PGPSignature.POSITIVE_CERTIFICATION,
        PGPSignature.CASUAL_CERTIFICATION, PGPSignature.NO_CERTIFICATION, PGPSignature.DEFAULT_CERTIFICATION,
        PGPSignature.DIRECT_KEY};

    private final BcPGPContentVerifierBuilderProvider verifiers = new BcPGPContentVerifierBuilderProvider();

    void checkPrimary(PGPPublicKey primary, Instant now) throws KeyRejectedException {
        if (primary.getVersion() != PublicKeyPacket.VERSION_4) {
            throw new KeyRejectedException("This is a version " + primary.getVersion()
                    + " key. Investigators' GnuPG 2.2 reads only version 4 keys: make one with gpg --quick-gen-key.");
        }
        if (hasVerifiedSignature(primary, primary, PGPSignature.KEY_REVOCATION)) {
            throw new KeyRejectedException("This key has been revoked by its owner.");
        }
        Optional<Instant> expiry = expiry(primary);
        if (expiry.isPresent() && !expiry.get().isAfter(now)) {
            throw new KeyRejectedException("This key expired on " + day(expiry.get()) + ".");
        }
        if (!latestSelfCertification(primary).isPresent()) {
            throw new KeyRejectedException("This key has no valid self-signature.");
        }
        Optional<String> weakness = weakness(primary);
        if (weakness.isPresent()) {
            throw new KeyRejectedException(weakness.get());
        }
    }

    /** Empty if {@code key} may receive submissions; "" if it simply is not an encryption key; else why not. */
    Optional<String> encryptionProblem(PGPPublicKey primary, PGPPublicKey key, Instant now) {
        Optional<PGPSignature> binding = key.isMasterKey()
                ? latestSelfCertification(primary)
                : latestVerified(primary, key, PGPSignature.SUBKEY_BINDING);
        if (binding.isEmpty() || !mayEncrypt(key, binding.get())) {
            return Optional.of("");
        }
        if (!key.isMasterKey() && hasVerifiedSignature(primary, key, PGPSignature.SUBKEY_REVOCATION)) {
            return Optional.of("This key's encryption subkey has been revoked.");
        }
        long validSeconds = binding.get().getHashedSubPackets().getKeyExpirationTime();
        if (validSeconds > 0) {
            Instant expiry = key.getCreationTime().toInstant().plusSeconds(validSeconds);
            if (!expiry.isAfter(now)) {
                return Optional.of("This key's encryption subkey expired on " + day(expiry) + ".");
            }
        }
        return weakness(key);
    }

    /** When {@code key} stops being able to encrypt on its own account: the expiry its binding signature sets. */
    Optional<Instant> encryptionExpiry(PGPPublicKey primary, PGPPublicKey key) {
        if (key.isMasterKey()) {
            return expiry(primary);
        }
        return latestVerified(primary, key, PGPSignature.SUBKEY_BINDING)
                .map(binding -> binding.getHashedSubPackets().getKeyExpirationTime())
                .filter(seconds -> seconds > 0)
                .map(seconds -> key.getCreationTime().toInstant().plusSeconds(seconds));
    }

    String describe(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> "RSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519 -> "ed25519";
            default -> "algorithm " + key.getAlgorithm();
        };
    }

    static Optional<Instant> expiry(PGPPublicKey primary) {
        long seconds = primary.getValidSeconds();
        return seconds > 0 ? Optional.of(primary.getCreationTime().toInstant().plusSeconds(seconds)) : Optional.empty();
    }

    private Optional<String> weakness(PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> {
                int bits = key.getBitStrength();
                return bits >= MIN_RSA_BITS ? Optional.empty()
                        : Optional.of("RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits + ".");
            }
            case PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.X25519 -> {
                return Optional.empty();
            }
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> {
                return curveIs(key, ED25519_LEGACY) ? Optional.empty() : Optional.of(unsupported());
            }
            case PublicKeyAlgorithmTags.ECDH -> {
                return curveIs(key, CURVE25519_LEGACY) ? Optional.empty() : Optional.of(unsupported());
            }
            default -> {
                return Optional.of(unsupported());
            }
        }
    }

    private static String unsupported() {
        return "Postern accepts Curve25519 keys (ed25519 with cv25519) and RSA keys of " + MIN_RSA_BITS
                + " bits or more; this key uses another algorithm.";
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
