package org.postern.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A blob file being written under {@code incoming/}. Every so many bytes (64 MiB in the store), a helper syncs
 * what is written so far while writing goes on: the kernel would otherwise hold the whole blob until publish, and
 * a gigabyte's sync there measured about half a second that nothing else overlapped.
 */
final class FilePendingBlob implements PendingBlob {

    private static final int BUFFER = 1 << 16;

    private final BlobId id;
    private final Path temporary;
    private final Path destination;
    private final FileChannel channel;
    private final OutputStream output;
    private final DayTimes times;
    private final Executor syncs;
    private final long syncBehindBytes;
    private long size;
    private long syncedUpTo;
    private CompletableFuture<Void> syncBehind = CompletableFuture.completedFuture(null);
    private boolean published;

    FilePendingBlob(BlobId id, Path temporary, Path destination, DayTimes times, Executor syncs,
            long syncBehindBytes) throws IOException {
        this.id = id;
        this.times = times;
        this.syncs = syncs;
        this.syncBehindBytes = syncBehindBytes;
        this.temporary = temporary;
        this.destination = destination;
        this.channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes());
        // Counted above the buffer, so size() is every byte written so far.
        this.output = new CountingStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
    }

    @Override
    public BlobId id() {
        return id;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void publish() throws IOException {
        try {
            output.flush();
            awaitSyncBehind();
            channel.force(true);
            channel.close();
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
            published = true;
            times.blur(destination);
            syncDirectory(destination.getParent());
        } catch (IOException e) {
            throw new StoreWriteException(e);
        }
    }

    private void awaitSyncBehind() throws IOException {
        try {
            syncBehind.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        }
    }

    /** Starts syncing what is written so far, unless the last such sync is still running. */
    private void maybeSyncBehind() {
        if (size - syncedUpTo >= syncBehindBytes && syncBehind.isDone()) {
            syncedUpTo = size;
            syncBehind = CompletableFuture.runAsync(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, syncs);
        }
    }

    /** Makes the rename itself durable, not only the file's bytes. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }

    @Override
    public void discard() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a broken channel.
        }
        try {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(destination);
        } catch (IOException ignored) {
            // Startup recovery removes whatever is left.
        }
    }

    @Override
    public void close() {
        if (!published) {
            discard();
        }
    }

    private final class CountingStream extends FilterOutputStream {
        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new StoreWriteException(e);
            }
            size += len;
            maybeSyncBehind();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new StoreWriteException(e);
            }
        }
    }
}
