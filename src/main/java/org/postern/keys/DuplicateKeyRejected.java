package org.postern.keys;

/** The key is already registered. */
public class DuplicateKeyRejected extends Exception {

    public DuplicateKeyRejected(String fingerprint) {
        super("A key with fingerprint " + fingerprint + " is already registered.");
    }

    /** @param holder who registered it, e.g. "the account ivy" */
    public DuplicateKeyRejected(String fingerprint, String holder) {
        super("A key with fingerprint " + fingerprint + " is already registered, by " + holder + ".");
    }
}
