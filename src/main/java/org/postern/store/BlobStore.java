package org.postern.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Where ciphertext lives, named by random {@link BlobId}s. A blob is written as a {@link PendingBlob} and becomes
 * visible only when published; a crash or a discard leaves nothing that {@link #removeIncoming()} does not clear.
 * The file system ({@code postern.store.type=filesystem}) and an S3-compatible object store ({@code s3}) implement
 * it; callers never see which.
 */
public interface BlobStore {

    /** Starts a new blob under a fresh random id. Failures surface as {@link StoreWriteException}. */
    PendingBlob create() throws IOException;

    /** The whole blob. A missing blob is {@link java.nio.file.NoSuchFileException}. */
    default InputStream open(BlobId id) throws IOException {
        return open(id, 0);
    }

    /** The blob from byte {@code from} to its end, streamed; a download resuming at an offset reads no more. */
    InputStream open(BlobId id, long from) throws IOException;

    /** A missing blob is {@link java.nio.file.NoSuchFileException}. */
    long size(BlobId id) throws IOException;

    boolean exists(BlobId id) throws IOException;

    /** Deletes a published blob; returns false if it was not there. */
    boolean delete(BlobId id) throws IOException;

    /** Every published blob, for recovery and retention. */
    Set<BlobId> list() throws IOException;

    /** Removes every unfinished blob; only safe before uploads are accepted. Returns how many. */
    int removeIncoming() throws IOException;

    /**
     * The local file system the blobs fill, whose free space the disk reserve guards; empty for a store whose
     * capacity is elsewhere (an object store).
     */
    default java.util.Optional<java.nio.file.FileStore> localFileStore() throws IOException {
        return java.util.Optional.empty();
    }
}
