package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.testing.TestProperties;

/** Blobs appear in the store only when published, only under their random id, and only for Postern's user. */
class BlobStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-17T15:42:13Z"), ZoneOffset.UTC);
    private static final byte[] CIPHERTEXT = "not really ciphertext".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;
    private Path root;
    private Path incoming;
    private BlobStore store;

    @BeforeEach
    void createStore() {
        store = new FileBlobStore(TestProperties.forDataDir(dataDir), new SecureRandom(), CLOCK);
        root = dataDir.resolve("store");
        incoming = root.resolve("incoming");
    }

    @Test
    void aPendingBlobIsInvisibleUntilPublished() throws IOException {
        PendingBlob blob = store.create();
        blob.output().write(CIPHERTEXT);

        assertThat(store.exists(blob.id())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(incoming.resolve(blob.id().value())).exists();

        blob.publish();
        blob.close();

        Path published = root.resolve(blob.id().value());
        assertThat(blob.id().value()).matches("[0-9a-f]{32}");
        assertThat(store.exists(blob.id())).isTrue();
        assertThat(store.list()).containsExactly(blob.id());
        assertThat(published).hasBinaryContent(CIPHERTEXT);
        assertThat(blob.size()).isEqualTo(CIPHERTEXT.length);
        assertThat(store.size(blob.id())).isEqualTo(CIPHERTEXT.length);
        assertThat(incoming).isEmptyDirectory();
        assertThat(mode(published)).isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(published).toInstant()).isEqualTo("2030-05-17T00:00:00Z");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(incoming)).isEqualTo("rwx------");
        try (InputStream in = store.open(blob.id())) {
            assertThat(in.readAllBytes()).isEqualTo(CIPHERTEXT);
        }
    }

    /** A blob that crosses several sync-behind points, with its syncs running as it is written, arrives whole. */
    @Test
    void aBlobSyncedBehindItsWriterPublishesWhole() throws IOException, NoSuchAlgorithmException {
        byte[] piece = new byte[1 << 20];
        new Random(7).nextBytes(piece);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Set<Thread> before = syncThreads();
        BlobStore syncingOften = new FileBlobStore(dataDir.resolve("often"), new SecureRandom(), CLOCK, 2 << 20);
        PendingBlob blob = syncingOften.create();
        long pieces = 24;
        for (int i = 0; i < pieces; i++) {
            piece[0] = (byte) i;
            blob.output().write(piece);
            written.update(piece);
        }
        Set<Thread> started = syncThreads();
        started.removeAll(before);
        assertThat(started).as("this store's own sync thread ran behind the writer").isNotEmpty();
        blob.publish();
        blob.close();

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = syncingOften.open(blob.id())) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), read));
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        assertThat(syncingOften.size(blob.id())).isEqualTo(pieces * piece.length);
    }

    private static Set<Thread> syncThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("postern-sync-"))
                .collect(Collectors.toSet());
    }

    @Test
    void discardRemovesAPublishedBlobAndCloseRemovesAnUnpublishedOne() throws IOException {
        PendingBlob published = store.create();
        published.output().write(CIPHERTEXT);
        published.publish();
        published.discard();

        PendingBlob abandoned = store.create();
        abandoned.output().write(CIPHERTEXT);
        abandoned.close();

        assertThat(store.exists(published.id())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(incoming).isEmptyDirectory();
    }

    @Test
    void removeIncomingClearsLeftoversAndCountsThem() throws IOException {
        PendingBlob kept = store.create();
        kept.publish();
        store.create().output().write(CIPHERTEXT);
        store.create();
        Files.write(incoming.resolve("0123456789abcdef0123456789abcdef"), CIPHERTEXT);

        assertThat(store.removeIncoming()).isEqualTo(3);
        assertThat(incoming).isEmptyDirectory();
        assertThat(store.list()).containsExactly(kept.id());
        assertThat(store.removeIncoming()).isZero();
    }

    @Test
    void blobIdsAreExactly32LowerCaseHexDigits() {
        String valid = "0123456789abcdef0123456789abcdef";
        assertThat(new BlobId(valid).value()).isEqualTo(valid);
        for (String bad : new String[] {"../x", "abc", valid.toUpperCase(), valid + "0", valid.substring(1),
            "../" + valid.substring(3), valid.substring(0, 31) + "/", "", null}) {
            assertThatThrownBy(() -> new BlobId(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void openAndDeleteReachOnlyPublishedBlobsInTheStore() throws IOException {
        BlobId id = new BlobId("0123456789abcdef0123456789abcdef");
        Files.write(incoming.resolve(id.value()), CIPHERTEXT);
        Files.write(dataDir.resolve(id.value()), CIPHERTEXT);

        assertThat(store.exists(id)).isFalse();
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.delete(id)).isFalse();
        assertThat(incoming.resolve(id.value())).exists();
        assertThat(dataDir.resolve(id.value())).exists();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void failingToCreateTheTemporaryFileIsAStoreWriteException() throws IOException {
        // Root ignores permissions, so block the incoming directory with a plain file instead.
        Files.delete(incoming);
        Files.write(incoming, CIPHERTEXT);

        assertThatThrownBy(store::create).isInstanceOf(StoreWriteException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void failingToPublishIsAStoreWriteExceptionAndLeavesNothing() throws IOException {
        PendingBlob blob = store.create();
        blob.output().write(CIPHERTEXT);
        Path inTheWay = Files.createDirectories(root.resolve(blob.id().value()).resolve("occupied"));

        assertThatThrownBy(blob::publish).isInstanceOf(StoreWriteException.class);
        blob.close();

        assertThat(incoming).isEmptyDirectory();
        assertThat(inTheWay).exists();
        assertThat(store.list()).isEmpty();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
