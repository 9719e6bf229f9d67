package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every blob store promises, run against each implementation by a subclass: a blob is visible only once
 * published, reads (whole or from an offset) give back exactly what was written, deletes and listings see only
 * published blobs, unfinished blobs (a crashed writer's included) leave nothing once recovery has run, and a store
 * that cannot take a write says so with {@link StoreWriteException}.
 */
abstract class BlobStoreContract {

    /** More than two parts of the S3 store's smallest part size, so multipart uploads are exercised. */
    static final int LARGE = 8 * 1024 * 1024 * 2 + 12_345;
    private static final byte[] SMALL = "not really ciphertext".getBytes(StandardCharsets.US_ASCII);

    /** A fresh, empty store. */
    abstract BlobStore store() throws IOException;

    /** A store of the same kind that cannot be written to. */
    abstract BlobStore brokenStore() throws IOException;

    /** Anything an unfinished blob left in the store's backing storage: must be empty after recovery. */
    abstract List<String> unfinishedLeftovers() throws IOException;

    /** Puts something that is not a blob into the store's storage, under a name that is no blob id. */
    abstract void putForeignObject(String name) throws IOException;

    /** The arguments for {@link KilledWriter} that open this store in another JVM. */
    abstract List<String> writerArguments();

    @Test
    void aBlobIsInvisibleUntilPublishedThenReadsBackWhole() throws IOException {
        BlobStore store = store();
        byte[] content = random(LARGE);
        PendingBlob blob = store.create();
        write(blob.output(), content);

        assertThat(blob.size()).isEqualTo(LARGE);
        assertThat(store.exists(blob.id())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.open(blob.id())).isInstanceOf(NoSuchFileException.class);

        blob.publish();
        blob.close();

        assertThat(blob.id().value()).matches("[0-9a-f]{32}");
        assertThat(store.exists(blob.id())).isTrue();
        assertThat(store.list()).containsExactly(blob.id());
        assertThat(store.size(blob.id())).isEqualTo(LARGE);
        try (InputStream in = store.open(blob.id())) {
            assertThat(sha256(in)).isEqualTo(sha256(content));
        }
        assertThat(unfinishedLeftovers()).isEmpty();
    }

    @Test
    void smallAndEmptyBlobsArePublishedToo() throws IOException {
        BlobStore store = store();
        PendingBlob small = store.create();
        small.output().write(SMALL);
        small.publish();
        PendingBlob empty = store.create();
        empty.publish();

        assertThat(store.list()).containsExactlyInAnyOrder(small.id(), empty.id());
        try (InputStream in = store.open(small.id())) {
            assertThat(in.readAllBytes()).isEqualTo(SMALL);
        }
        assertThat(store.size(empty.id())).isZero();
        try (InputStream in = store.open(empty.id())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aRangedReadStartsAtTheOffsetAndRunsToTheEnd() throws IOException {
        BlobStore store = store();
        byte[] content = random(LARGE);
        PendingBlob blob = store.create();
        write(blob.output(), content);
        blob.publish();

        for (int from : new int[] {0, 1, 8 * 1024 * 1024 - 1, 8 * 1024 * 1024, LARGE - 10, LARGE - 1}) {
            try (InputStream in = store.open(blob.id(), from)) {
                byte[] tail = in.readAllBytes();
                assertThat(tail).as("from %d", from).hasSize(LARGE - from);
                assertThat(Arrays.equals(tail, Arrays.copyOfRange(content, from, LARGE))).as("from %d", from).isTrue();
            }
        }
        try (InputStream in = store.open(blob.id(), LARGE)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void discardRemovesAPublishedBlobAndCloseAbortsAnUnpublishedOne() throws IOException {
        BlobStore store = store();
        PendingBlob published = store.create();
        published.output().write(SMALL);
        published.publish();
        published.discard();

        PendingBlob abandoned = store.create();
        write(abandoned.output(), random(LARGE));
        abandoned.close();

        PendingBlob discarded = store.create();
        write(discarded.output(), random(LARGE));
        discarded.discard();
        discarded.discard();

        assertThat(store.exists(published.id())).isFalse();
        assertThat(store.exists(abandoned.id())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(unfinishedLeftovers()).isEmpty();
        assertThat(store.removeIncoming()).isZero();
    }

    @Test
    void deleteAndReadsReachOnlyPublishedBlobs() throws IOException {
        BlobStore store = store();
        PendingBlob blob = store.create();
        blob.output().write(SMALL);
        blob.publish();
        BlobId never = new BlobId("0123456789abcdef0123456789abcdef");

        assertThat(store.delete(never)).isFalse();
        assertThat(store.exists(never)).isFalse();
        assertThatThrownBy(() -> store.open(never)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open(never, 5)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.size(never)).isInstanceOf(NoSuchFileException.class);

        assertThat(store.delete(blob.id())).isTrue();
        assertThat(store.delete(blob.id())).isFalse();
        assertThat(store.exists(blob.id())).isFalse();
        assertThatThrownBy(() -> store.open(blob.id())).isInstanceOf(NoSuchFileException.class);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void theListingHoldsPublishedBlobsOnlyForRetentionAndRecovery() throws IOException {
        BlobStore store = store();
        List<BlobId> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PendingBlob blob = store.create();
            blob.output().write(SMALL);
            blob.publish();
            published.add(blob.id());
        }
        PendingBlob unfinished = store.create();
        write(unfinished.output(), random(LARGE));
        putForeignObject("README.txt");

        assertThat(store.list()).containsExactlyInAnyOrderElementsOf(published);
        store.delete(published.get(2));
        assertThat(store.list()).hasSize(4).doesNotContain(published.get(2));
        unfinished.discard();
    }

    @Test
    void removeIncomingClearsUnfinishedBlobsAndCountsThem() throws IOException {
        BlobStore store = store();
        PendingBlob kept = store.create();
        kept.output().write(SMALL);
        kept.publish();
        // Left open, as a crash leaves them: each has sent ciphertext to the store.
        write(store.create().output(), random(LARGE));
        write(store.create().output(), random(LARGE));

        assertThat(store.removeIncoming()).isEqualTo(2);
        assertThat(unfinishedLeftovers()).isEmpty();
        assertThat(store.list()).containsExactly(kept.id());
        assertThat(store.removeIncoming()).isZero();
    }

    @Test
    void aWriterKilledMidUploadLeavesNothingAfterRecovery() throws Exception {
        BlobStore store = store();
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), KilledWriter.class.getName()));
        command.addAll(writerArguments());
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // It says so once more than one part has gone to the store, then keeps writing until killed.
            byte[] line = new byte[KilledWriter.READY.length()];
            assertThat(writer.getInputStream().readNBytes(line, 0, line.length)).isEqualTo(line.length);
            assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo(KilledWriter.READY);
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(writer.exitValue()).as("killed, not finished").isNotZero();

        assertThat(store.removeIncoming()).isEqualTo(1);
        assertThat(unfinishedLeftovers()).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aStoreThatCannotBeWrittenRefusesWithAStoreWriteException() throws IOException {
        BlobStore broken = brokenStore();
        assertThatThrownBy(() -> {
            try (PendingBlob blob = broken.create()) {
                write(blob.output(), random(LARGE));
                blob.publish();
            }
        }).isInstanceOf(StoreWriteException.class).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> {
            try (PendingBlob blob = broken.create()) {
                blob.output().write(SMALL);
                blob.publish();
            }
        }).isInstanceOf(StoreWriteException.class);
    }

    static void write(OutputStream out, byte[] content) throws IOException {
        // In pieces, as the encryptor writes, then flushed as the encryptor does when it closes: a part still
        // being sent is then in the store, so a test cannot race it.
        for (int off = 0; off < content.length; off += 65_536) {
            out.write(content, off, Math.min(65_536, content.length - off));
        }
        out.flush();
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65_536];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
