package org.postern.testing;

/** Investigator keys made by the real gpg and added as an operator adds them, with {@code recipients add}. */
public final class RecipientKeys {

    private RecipientKeys() {
    }

    /**
     * Makes a Curve25519 key for {@code uid} in {@code gpg}'s home and adds it to {@code server}'s data dir (the
     * server need not run); fails unless the command took it. Returns the key's fingerprint.
     */
    public static String addNew(PosternTestServer server, GnuPG gpg, String uid) {
        String fpr = gpg.generateCurve25519(uid);
        var added = server.command("recipients", "add", gpg.exportArmoredTo(fpr, gpg.home()).toString());
        if (added.exitCode() != 0 || !added.out().contains(fpr)) {
            throw new IllegalStateException("recipients add failed: " + added.err());
        }
        return fpr;
    }
}
