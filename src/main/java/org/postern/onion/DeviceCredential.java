package org.postern.onion;

/**
 * The private half of one investigator device's client-authorization key, handed out once and never stored.
 *
 * @param deviceName   the device's name, which is also its {@code .auth} file's name
 * @param onion        the console onion address, without {@code .onion}
 * @param privateKey   base32 X25519 private key: what Tor Browser's onion-authentication prompt asks for
 */
public record DeviceCredential(String deviceName, String onion, String privateKey) {

    /** The line for a Tor client's {@code ClientOnionAuthDir}, in a file named {@code <anything>.auth_private}. */
    public String authPrivateLine() {
        return onion + ":descriptor:x25519:" + privateKey;
    }

    /** Never print the key by accident, e.g. in a log line or an exception message. */
    @Override
    public String toString() {
        return "DeviceCredential[" + deviceName + "]";
    }
}
