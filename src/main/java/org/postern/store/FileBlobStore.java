package org.postern.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.postern.config.PosternProperties;

/**
 * Ciphertext only, confined to {@code <data-dir>/store}. Finished blobs sit in the store directory named by
 * their {@link BlobId}; blobs being written sit in {@code store/incoming} until published.
 */
final class FileBlobStore implements BlobStore, AutoCloseable {

    /** How much of a blob is written between syncs behind its writer. */
    static final long SYNC_BEHIND_BYTES = 64L << 20;

    private final Path root;
    private final Path incoming;
    private final SecureRandom random;
    private final DayTimes times;
    /** The threads that sync blobs behind their writers; idle ones end after a minute. */
    private final ExecutorService syncs;
    private final long syncBehindBytes;

    FileBlobStore(PosternProperties properties, SecureRandom random, Clock clock) {
        this(properties.storeDir(), random, clock);
    }

    FileBlobStore(Path dir, SecureRandom random, Clock clock) {
        this(dir, random, clock, SYNC_BEHIND_BYTES);
    }

    /** A store that syncs every {@code syncBehindBytes}: tests pass a small figure to see several syncs. */
    FileBlobStore(Path dir, SecureRandom random, Clock clock, long syncBehindBytes) {
        this.syncBehindBytes = syncBehindBytes;
        this.root = dir.toAbsolutePath().normalize();
        this.incoming = root.resolve("incoming");
        this.random = random;
        this.times = new DayTimes(clock, root);
        AtomicInteger threads = new AtomicInteger();
        // Once shut down, a sync runs on the writer's thread: a blob still being written must not wait for ever.
        this.syncs = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread t = new Thread(task, "postern-sync-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> task.run());
        try {
            Files.createDirectories(incoming);
            OwnerOnly.restrictDirectory(root);
            OwnerOnly.restrictDirectory(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store in " + root, e);
        }
    }

    @Override
    public PendingBlob create() throws IOException {
        BlobId id = BlobId.random(random);
        try {
            return new FilePendingBlob(id, incoming.resolve(id.value()), pathOf(id), times, syncs,
                    syncBehindBytes);
        } catch (IOException e) {
            throw new StoreWriteException(e);
        }
    }

    @Override
    public InputStream open(BlobId id, long from) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(pathOf(id), StandardOpenOption.READ);
        try {
            channel.position(from);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    @Override
    public long size(BlobId id) throws IOException {
        return Files.size(pathOf(id));
    }

    @Override
    public boolean exists(BlobId id) {
        return Files.isRegularFile(pathOf(id));
    }

    /** Deletes a published blob; returns false if it was not there. */
    @Override
    public boolean delete(BlobId id) throws IOException {
        return Files.deleteIfExists(pathOf(id));
    }

    /** Every published blob, for recovery. */
    @Override
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
    @Override
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

    private Path pathOf(BlobId id) {
        Path path = root.resolve(id.value()).normalize();
        if (!path.getParent().equals(root)) {
            throw new IllegalArgumentException("blob path escapes the store");
        }
        return path;
    }

    @Override
    public java.util.Optional<java.nio.file.FileStore> localFileStore() throws IOException {
        return java.util.Optional.of(Files.getFileStore(root));
    }

    /** Ends the sync threads once idle; called when the context closes. */
    @Override
    public void close() {
        syncs.shutdown();
    }
}
