package org.postern.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * Ciphertext only, confined to {@code <data-dir>/store}. Finished blobs sit in the store directory named by
 * their {@link BlobId}; blobs being written sit in {@code store/incoming} until published.
 */
@Component
public class BlobStore {

    private final Path root;
    private final Path incoming;
    private final SecureRandom random;
    private final DayTimes times;

    BlobStore(PosternProperties properties, SecureRandom random, Clock clock) {
        this.root = properties.storeDir().toAbsolutePath().normalize();
        this.incoming = root.resolve("incoming");
        this.random = random;
        this.times = new DayTimes(clock, root);
        try {
            Files.createDirectories(incoming);
            OwnerOnly.restrictDirectory(root);
            OwnerOnly.restrictDirectory(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store in " + root, e);
        }
    }

    public PendingBlob create() throws IOException {
        BlobId id = BlobId.random(random);
        try {
            return new FilePendingBlob(id, incoming.resolve(id.value()), pathOf(id), times);
        } catch (IOException e) {
            throw new StoreWriteException(e);
        }
    }

    public InputStream open(BlobId id) throws IOException {
        return Files.newInputStream(pathOf(id));
    }

    public long size(BlobId id) throws IOException {
        return Files.size(pathOf(id));
    }

    public boolean exists(BlobId id) {
        return Files.isRegularFile(pathOf(id));
    }

    /** Deletes a published blob; returns false if it was not there. */
    public boolean delete(BlobId id) throws IOException {
        return Files.deleteIfExists(pathOf(id));
    }

    /** Every published blob, for recovery. */
    public Set<BlobId> list() throws IOException {
        Set<BlobId> ids = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isRegularFile)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (BlobId.isValid(name)) {
                    ids.add(new BlobId(name));
                }
            }
        }
        return ids;
    }

    /** Removes every unfinished blob; only safe before uploads are accepted. Returns how many. */
    public int removeIncoming() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(incoming)) {
            for (Path p : entries) {
                try {
                    Files.delete(p);
                    removed++;
                } catch (NoSuchFileException gone) {
                    // Already gone.
                }
            }
        }
        return removed;
    }

    /** Files in the store that are neither blobs nor the incoming directory; recovery reports them. */
    public Path root() {
        return root;
    }

    private Path pathOf(BlobId id) {
        Path path = root.resolve(id.value()).normalize();
        if (!path.getParent().equals(root)) {
            throw new IllegalArgumentException("blob path escapes the store");
        }
        return path;
    }
}
