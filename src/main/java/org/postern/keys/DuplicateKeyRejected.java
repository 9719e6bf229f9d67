package org.postern.keys;

/** The key is already registered. */
public class DuplicateKeyRejected extends Exception {

    public DuplicateKeyRejected(String fingerprint) {
        super("A key with fingerprint " + fingerprint + " is already registered.");
    }
}
