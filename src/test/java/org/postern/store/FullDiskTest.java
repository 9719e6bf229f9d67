package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.TestBrowser;
import org.springframework.util.FileSystemUtils;

/**
 * Postern with its data directory, H2 database included, on an 8 MB tmpfs. A full disk refuses an upload with
 * the "cannot accept this now" page and keeps nothing of it; a database write on a full disk gets the same page
 * instead of a 500; earlier submissions stay intact and decrypt; and once space is freed, uploads work again.
 */
@Tag("slow")
class FullDiskTest {

    private static final String SIZE = "8m";

    @RegisterExtension
    static final TinyDisk.Prepared DISK = new TinyDisk.Prepared("tinydisk");

    private static Path copies;

    @BeforeAll
    static void prepare() throws IOException {
        copies = TinyDisk.mountPoint("tinydisk-copies");
    }

    @AfterAll
    static void cleanUp() {
        FileSystemUtils.deleteRecursively(copies.toFile());
    }

    @Test
    void aFullDiskRefusesCleanlyKeepsWhatCameBeforeAndRecoversOnceSpaceIsFree() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "test-logs")).resolve("full-disk-postern.log");
        try (PosternProcess postern = TinyDisk.start(DISK.mountPoint(), DISK.seed(), SIZE, log,
                "--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1",
                // No reserve: this test is about writes that fail; DiskReserveTest covers the reserve.
                "--postern.uploads.disk-reserve=0", "--postern.uploads.disk-reserve-percent=0")) {
            Path data = TinyDisk.view(postern, DISK.mountPoint());
            System.out.println("Full-disk test: tmpfs mounted " + (TinyDisk.viaUserNamespace()
                    ? "in a user namespace (unshare --user --map-root-user --mount)" : "as root (unshare --mount)"));
            assertThat(TinyDisk.tmpfsOptions(postern, DISK.mountPoint())).as("a tmpfs in Postern's namespace")
                    .contains("size=8192k");
            assertThat(DISK.mountPoint().resolve("db")).as("the mount is private to Postern's namespace")
                    .doesNotExist();
            Path store = data.resolve("store");

            String canary = "FULLDISK-" + UUID.randomUUID();
            TestBrowser source = TinyDisk.newSource(postern);
            assertThat(submit(source, "before the disk filled " + canary, 300_000, canary).status()).isEqualTo(200);
            assertThat(submit(source, "a second one " + canary, 200_000, canary).status()).isEqualTo(200);
            List<Path> earlier = TinyDisk.blobs(store);
            assertThat(earlier).hasSize(4);
            assertThat(rows(data, "submission")).isEqualTo(4);
            assertDecrypt(earlier, canary);

            Path filler = data.resolve("filler");
            long filled = TinyDisk.fill(filler);
            assertThat(filled).isPositive();

            // An upload that cannot be written: refused, nothing partial left, nothing recorded.
            Page refused = submit(source, "after the disk filled " + canary, 500_000, canary);
            assertCannotAcceptNow(refused);
            assertThat(TinyDisk.incoming(store)).isEmpty();
            assertThat(TinyDisk.blobs(store)).containsExactlyInAnyOrderElementsOf(earlier);
            assertThat(rows(data, "submission")).isEqualTo(4);

            // Database writes until H2 finds no room to grow its file: the same page, not a 500.
            Page created = null;
            int attempts = 0;
            while (attempts++ < 300) {
                TestBrowser stranger = new TestBrowser(postern.sourceUrl());
                Page codename = stranger.get("/generate");
                created = stranger.post("/create", Map.of("_csrf", codename.csrfToken()));
                if (created.status() != 200) {
                    break;
                }
            }
            assertThat(attempts).as("H2 ran out of room within 300 new sources").isLessThanOrEqualTo(300);
            assertCannotAcceptNow(created);
            Page lookup = source.get("/lookup");
            assertThat(lookup.status()).as("a source's page while the database is down").isIn(200, 503);
            assertThat(lookup.body()).doesNotContain("Exception");
            assertThat(TinyDisk.incoming(store)).isEmpty();
            assertThat(TinyDisk.blobs(store)).containsExactlyInAnyOrderElementsOf(earlier);

            // Space comes back: the next upload is received, and everything before it is still whole.
            Files.delete(filler);
            Files.deleteIfExists(filler.resolveSibling("filler-tail"));
            Page after = submit(source, "after space was freed " + canary, 100_000, canary);
            assertThat(after.status()).as(after.text()).isEqualTo(200);
            assertThat(TinyDisk.blobs(store)).hasSize(6).containsAll(earlier);
            assertThat(rows(data, "submission")).isEqualTo(6);
            assertDecrypt(TinyDisk.blobs(store), canary);
            assertThat(TinyDisk.newSource(postern)).as("new sources can be created again").isNotNull();
            assertThat(rows(data, "source")).as("earlier sources are all there").isGreaterThanOrEqualTo(attempts);
        }
    }

    private static void assertCannotAcceptNow(Page page) {
        assertThat(page.status()).as(page.text()).isIn(503, 507);
        assertThat(page.text()).containsIgnoringCase("cannot accept").contains("Nothing");
        assertThat(page.body()).contains("/css/source.css").doesNotContain("Exception", "at org.");
    }

    private static Page submit(TestBrowser browser, String message, long fileBytes, String canary) {
        List<TestBrowser.FilePart> files = fileBytes == 0 ? List.of()
                : List.of(new TestBrowser.FilePart("evidence.bin", () -> new CanaryContent(fileBytes, canary, 5)));
        Page lookup = browser.get("/lookup");
        assertThat(lookup.document().selectFirst("form[enctype=multipart/form-data]"))
                .as("the upload form, on: %d %s", lookup.status(), lookup.text()).isNotNull();
        return browser.submit(lookup, message, files);
    }

    private static void assertDecrypt(List<Path> blobs, String canary) {
        for (Path blob : blobs) {
            GnuPG.Decrypted d = DISK.gpg().decrypt(blob);
            assertThat(d.integrityOk()).as(d.status()).isTrue();
            assertThat(d.text()).contains(canary);
        }
    }

    /**
     * Counts rows in a copy of the running server's H2 file, opened by a fresh H2: what a restart would find.
     */
    private static long rows(Path data, String table) throws IOException, SQLException {
        Path copy = Files.createTempDirectory(copies, "db");
        Files.copy(data.resolve("db/postern.mv.db"), copy.resolve("postern.mv.db"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("postern"), "postern", "");
                ResultSet r = c.createStatement().executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
