package org.postern.crypto;

/** An OpenPGP key that cannot be a recipient; the message says why, in words an operator understands. */
public class KeyRejectedException extends Exception {

    public KeyRejectedException(String message) {
        super(message);
    }
}
