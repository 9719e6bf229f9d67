package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.BlockInput;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;

/**
 * Postern with its data directory on a 24 MB tmpfs and an 8 MB disk reserve. An upload that would eat into the
 * reserve is refused with a calm page before anything is written (a resumable upload declares its length), one
 * that brings free space under the reserve while it streams is stopped, nothing of either is kept, uploads that
 * fit still arrive, and once space is freed large uploads work again.
 */
@Tag("slow")
class DiskReserveTest {

    private static final long MB = 1024 * 1024;
    private static final long RESERVE = 8 * MB;
    private static final String REFUSAL = "The server cannot take more uploads right now. Nothing was kept. "
            + "Please try again later.";

    @RegisterExtension
    static final TinyDisk.Prepared DISK = new TinyDisk.Prepared("reservedisk");

    @Test
    void uploadsNeverEatIntoTheReserve() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "test-logs")).resolve("disk-reserve-postern.log");
        try (PosternProcess postern = TinyDisk.start(DISK.mountPoint(), DISK.seed(), "24m", log,
                "--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1",
                "--postern.uploads.disk-reserve=8MB", "--postern.uploads.disk-reserve-percent=0",
                "--postern.resumable.max-upload-bytes=16MB")) {
            Path data = TinyDisk.view(postern, DISK.mountPoint());
            assertThat(TinyDisk.tmpfsOptions(postern, DISK.mountPoint())).contains("size=24576k");
            Path store = data.resolve("store");
            String canary = "RESERVE-" + UUID.randomUUID();
            TestBrowser source = TinyDisk.newSource(postern);

            assertThat(submit(source, canary, 300_000, canary, null).status()).isEqualTo(200);
            List<Path> earlier = TinyDisk.blobs(store);
            assertThat(earlier).hasSize(2);

            // Leave 2 MB above the reserve. java.io.File asks the path itself (statvfs), inside Postern's namespace.
            Path filler = data.resolve("filler");
            long fill = store.toFile().getUsableSpace() - RESERVE - 2 * MB;
            assertThat(fill).as("room on the tmpfs to fill").isPositive();
            write(filler, fill);
            long free = store.toFile().getUsableSpace();
            assertThat(free).isBetween(RESERVE + MB, RESERVE + 3 * MB);

            // A resumable upload says its length: refused before anything is written.
            TusClient tus = new TusClient(source, TusClient.csrfOf(source.get("/lookup")));
            HttpResponse<String> create = tus.create(3 * MB, "big.bin");
            assertThat(create.statusCode()).isEqualTo(507);
            assertThat(create.body()).isEqualTo(REFUSAL);
            assertThat(TinyDisk.incoming(store)).isEmpty();

            // The form streams without a length (chunked): stopped once free space passes under the reserve.
            Page refused = submit(source, "too big " + canary, 3 * MB, canary, null);
            assertRefusedCalmly(refused);
            assertThat(TinyDisk.incoming(store)).isEmpty();
            assertThat(TinyDisk.blobs(store)).containsExactlyInAnyOrderElementsOf(earlier);

            // Space taken by something else while an upload streams stops it too.
            Path other = data.resolve("other");
            Page squeezed = submit(source, "squeezed " + canary, 1_500_000, canary, () -> write(other, 2 * MB));
            assertRefusedCalmly(squeezed);
            assertThat(TinyDisk.incoming(store)).isEmpty();
            assertThat(TinyDisk.blobs(store)).containsExactlyInAnyOrderElementsOf(earlier);
            Files.delete(other);

            // What fits above the reserve still arrives.
            assertThat(submit(source, "small " + canary, 200_000, canary, null).status()).isEqualTo(200);
            assertThat(TinyDisk.blobs(store)).hasSize(4);
            assertThat(store.toFile().getUsableSpace()).isGreaterThanOrEqualTo(RESERVE);

            // Space comes back: a large upload arrives, and everything kept decrypts.
            Files.delete(filler);
            Page after = submit(source, "after " + canary, 3 * MB, canary, null);
            assertThat(after.status()).as(after.text()).isEqualTo(200);
            List<Path> all = TinyDisk.blobs(store);
            assertThat(all).hasSize(6).containsAll(earlier);
            for (Path blob : all) {
                GnuPG.Decrypted d = DISK.gpg().decrypt(blob);
                assertThat(d.integrityOk()).as(d.status()).isTrue();
                assertThat(d.text()).contains(canary);
            }
        }
    }

    private static void assertRefusedCalmly(Page page) {
        assertThat(page.status()).as(page.text()).isEqualTo(507);
        assertThat(page.document().getElementById("problem").text()).isEqualTo(REFUSAL);
        assertThat(page.body()).contains("/css/source.css").doesNotContain("Exception", "at org.");
    }

    /** Submits a message and one file; {@code halfway}, if given, runs once half the file has been sent. */
    private static Page submit(TestBrowser browser, String message, long fileBytes, String canary, Runnable halfway) {
        TestBrowser.FilePart file = new TestBrowser.FilePart("evidence.bin", () -> {
            InputStream content = new CanaryContent(fileBytes, canary, 5);
            return halfway == null ? content : new Halfway(content, fileBytes / 2, halfway);
        });
        return browser.submit(browser.get("/lookup"), message, List.of(file));
    }

    private static void write(Path file, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an action once, after a given number of bytes has been read. */
    private static final class Halfway extends BlockInput {
        private final InputStream in;
        private final Runnable action;
        private long before;

        Halfway(InputStream in, long before, Runnable action) {
            this.in = in;
            this.before = before;
            this.action = action;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (before <= 0 && before != Long.MIN_VALUE) {
                before = Long.MIN_VALUE;
                action.run();
            }
            int n = in.read(b, off, before > 0 ? (int) Math.min(len, before) : len);
            if (n > 0 && before > 0) {
                before -= n;
            }
            return n;
        }
    }
}
