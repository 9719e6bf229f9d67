package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.util.FileSystemUtils;

/** A 2 GiB upload through a server limited to a 256 MiB heap: streaming, not buffering, is what makes it fit. */
@Tag("slow")
class LargeUploadTest {

    private static final long SIZE = 2L * 1024 * 1024 * 1024;

    @Test
    void twoGibibytesThroughA256MebibyteHeap() throws IOException {
        Path dataDir = null;
        try (GnuPG gpg = GnuPG.create()) {
            PosternTestServer setup = PosternTestServer.inFreshDataDir();
            dataDir = setup.dataDir();
            Path key = gpg.exportArmoredTo(gpg.generateCurve25519("Big <big@example.org>"), Files.createTempDirectory("k"));
            assertThat(setup.command("recipients", "add", key.toString()).exitCode()).isZero();

            try (PosternProcess server = PosternProcess.start(dataDir, List.of("-Xmx256m"),
                    "--postern.source.max-upload-bytes=3GB",
                    // Room for the upload is what this test needs of the disk, not the production reserve too.
                    "--postern.uploads.disk-reserve=512MB", "--postern.uploads.disk-reserve-percent=0")) {
                TestBrowser browser = new TestBrowser(server.sourceUrl());
                Page codename = browser.get("/generate");
                Page lookup = browser.post("/create", Map.of("_csrf", codename.csrfToken()));
                Page receipt = browser.submit(lookup, "", List.of(new TestBrowser.FilePart("big.bin",
                        () -> new CanaryContent(SIZE, "BIGCANARY", 7))));
                assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
                assertThat(server.isAlive()).isTrue();
            }
            Path blob;
            try (Stream<Path> files = Files.list(dataDir.resolve("store"))) {
                blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            GnuPG.DecryptedDigest out = gpg.decryptToDigest(blob);
            assertThat(out.integrityOk()).as(out.status()).isTrue();
            assertThat(out.length()).isEqualTo(SIZE);
            assertThat(out.sha256()).isEqualTo(CanaryContent.sha256(SIZE, "BIGCANARY", 7));
        } finally {
            if (dataDir != null) {
                FileSystemUtils.deleteRecursively(dataDir);
            }
        }
    }
}
