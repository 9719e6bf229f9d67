package org.postern.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

import org.bouncycastle.util.encoders.Base32;

/**
 * An X25519 key pair for Tor v3 onion-service client authorization, written as tor writes it: the raw 32-byte
 * keys in RFC 4648 base32 without padding.
 */
public record OnionAuthKeyPair(String publicKey, String privateKey) {

    private static final int RAW_KEY_BYTES = 32;

    public static OnionAuthKeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
            generator.initialize(NamedParameterSpec.X25519, random);
            KeyPair pair = generator.generateKeyPair();
            // The JDK's X.509 and PKCS#8 encodings of an X25519 key both end with the raw 32 bytes.
            byte[] publicRaw = lastKeyBytes(pair.getPublic().getEncoded());
            byte[] privateRaw = lastKeyBytes(pair.getPrivate().getEncoded());
            try {
                return new OnionAuthKeyPair(base32(publicRaw), base32(privateRaw));
            } finally {
                Arrays.fill(privateRaw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate X25519 keys", e);
        }
    }

    private static String base32(byte[] raw) {
        String padded = Base32.toBase32String(raw);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    private static byte[] lastKeyBytes(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length);
    }

    @Override
    public String toString() {
        return "OnionAuthKeyPair[public=" + publicKey + "]";
    }
}
