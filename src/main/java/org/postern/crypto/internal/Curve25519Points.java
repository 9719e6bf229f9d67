package org.postern.crypto.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.BigIntegers;
import org.postern.crypto.KeyRefusal;
import org.postern.crypto.KeyRejectedException;

/**
 * Whether an X25519 public point can protect anything. A point of small order (zero among them) makes every
 * shared secret one of a handful of values, so anyone could unwrap a session key encrypted to it.
 */
final class Curve25519Points {

    /** How OpenPGP's legacy cv25519 encoding marks a native little-endian u-coordinate. */
    private static final int NATIVE_PREFIX = 0x40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Curve25519Points() {
    }

    static KeyRejectedException refusal() {
        return new KeyRejectedException("This key's encryption subkey is not a usable Curve25519 key (its point is "
                + "zero or of small order), so anyone could read what is encrypted to it. Make a new key with gpg.",
                KeyRefusal.WEAK_POINT);
    }

    /** The 32-byte u-coordinate inside a legacy ECDH point, or an empty array if it is not encoded as one. */
    static byte[] legacyU(BigInteger encodedPoint) {
        byte[] encoded = BigIntegers.asUnsignedByteArray(encodedPoint);
        if (encoded.length != 1 + X25519.POINT_SIZE || encoded[0] != NATIVE_PREFIX) {
            return new byte[0];
        }
        return Arrays.copyOfRange(encoded, 1, encoded.length);
    }

    /**
     * Empty if {@code u} is a point of large order. Checked as RFC 7748 advises: a (clamped, so cofactor-clearing)
     * random scalar times the point gives all zeros exactly when the point is of small order, however encoded.
     */
    static Optional<KeyRejectedException> problem(byte[] u) {
        if (u.length != X25519.POINT_SIZE) {
            return Optional.of(refusal());
        }
        byte[] scalar = new byte[X25519.SCALAR_SIZE];
        byte[] shared = new byte[X25519.POINT_SIZE];
        try {
            X25519.generatePrivateKey(RANDOM, scalar);
            return X25519.calculateAgreement(scalar, 0, u, 0, shared, 0) ? Optional.empty() : Optional.of(refusal());
        } finally {
            Arrays.fill(scalar, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }
}
