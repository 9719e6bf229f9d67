package org.postern.crypto;

/** Every KDF slot stayed busy for the whole wait: the caller should ask the user to try again shortly. */
public class KdfBusyException extends RuntimeException {

    public KdfBusyException() {
        super("key derivation is busy");
    }
}
