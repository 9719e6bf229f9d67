package org.postern.testing;

/** Recipient keys made by the real gpg and added on the command line, as an operator adds them. */
public final class OperatorKeys {

    private OperatorKeys() {
    }

    /**
     * Makes a Curve25519 key for {@code uid} in {@code gpg} and adds it with {@code recipients add} (the server
     * stopped); fails unless the command accepted it. Returns its fingerprint.
     */
    public static String add(PosternTestServer server, GnuPG gpg, String uid) {
        String fpr = gpg.generateCurve25519(uid);
        var added = server.command("recipients", "add", gpg.exportArmoredTo(fpr, gpg.home()).toString());
        if (added.exitCode() != 0 || !added.out().contains(fpr)) {
            throw new IllegalStateException("recipients add failed: " + added.err());
        }
        return fpr;
    }
}
