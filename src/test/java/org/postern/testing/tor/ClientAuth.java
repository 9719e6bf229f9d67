package org.postern.testing.tor;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.util.encoders.Base32;

/** A client's key for one onion service, as in a {@code .auth_private} line. */
public record ClientAuth(String onion, byte[] privateKey) {

    private static final Pattern LINE = Pattern.compile("([a-z2-7]{56}):descriptor:x25519:([A-Z2-7]{52})");

    /** Parses {@code <onion without .onion>:descriptor:x25519:<base32 private key>}. */
    public static ClientAuth parse(String authPrivateLine) {
        Matcher m = LINE.matcher(authPrivateLine.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an auth_private line");
        }
        return new ClientAuth(m.group(1), Base32.decode(m.group(2) + "===="));
    }

    /** The control port takes the key in base64, not base32. */
    String controlPortCommand() {
        return "ONION_CLIENT_AUTH_ADD " + onion + " x25519:" + Base64.getEncoder().encodeToString(privateKey);
    }

    @Override
    public String toString() {
        return "ClientAuth[" + onion + "]";
    }
}
