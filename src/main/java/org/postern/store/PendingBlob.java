package org.postern.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written under a temporary name. It becomes visible only through {@link #publish()}; until then
 * a crash or {@link #discard()} leaves nothing that startup recovery does not remove.
 */
public interface PendingBlob extends AutoCloseable {

    BlobId id();

    /** Where ciphertext goes. Write failures surface as {@link StoreWriteException}. */
    OutputStream output();

    /** Bytes written so far. */
    long size();

    /** Syncs the file and renames it atomically to its final name. */
    void publish() throws IOException;

    /** Removes the temporary file (or the published one, if a later step failed). Never throws. */
    void discard();

    /** Discards unless published. */
    @Override
    void close();
}
