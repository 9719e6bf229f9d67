package org.postern.store;

import java.io.IOException;

/** Writing ciphertext to the data dir failed (a full disk, say): the server's fault, not the client's. */
public class StoreWriteException extends IOException {

    public StoreWriteException(IOException cause) {
        super("cannot write to the store", cause);
    }
}
