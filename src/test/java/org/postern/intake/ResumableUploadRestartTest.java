package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;
import org.springframework.util.FileSystemUtils;

/**
 * A restart ends every unfinished upload: the key that encrypted its first part existed only in the old process,
 * so the partial ciphertext is deleted and the upload is unknown, whether the server was stopped or killed.
 */
class ResumableUploadRestartTest {

    @Test
    void anUploadInProgressIsGoneAfterAKillAndAStop() throws IOException {
        Path dataDir = null;
        try (GnuPG gpg = GnuPG.create()) {
            PosternTestServer setup = PosternTestServer.inFreshDataDir();
            dataDir = setup.dataDir();
            Path key = gpg.exportArmoredTo(gpg.generateCurve25519("R <r@example.org>"), Files.createTempDirectory("k"));
            assertThat(setup.command("recipients", "add", key.toString()).exitCode()).isZero();
            String[] settings = {"--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1"};

            String codename;
            String url;
            try (PosternProcess first = PosternProcess.start(dataDir, List.of(), settings)) {
                TestBrowser browser = new TestBrowser(first.sourceUrl());
                Page codenamePage = browser.get("/generate");
                codename = codenamePage.document().getElementById("codename").text();
                Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
                TusClient tus = new TusClient(browser, TusClient.csrfOf(lookup));
                url = tus.create(2_000_000, "restart-notes.txt").headers().firstValue("Location").orElseThrow();
                byte[] piece = new CanaryContent(700_000, "RESTARTCANARY", 3).readAllBytes();
                assertThat(tus.patch(url, 0, piece).statusCode()).isEqualTo(204);
                assertThat(incoming(dataDir)).hasSize(1);
                first.kill();
            }
            assertThat(incoming(dataDir)).as("a kill leaves the partial ciphertext until startup").hasSize(1);

            try (PosternProcess second = PosternProcess.start(dataDir, List.of(), settings)) {
                assertThat(incoming(dataDir)).as("startup recovery removed it").isEmpty();
                TusClient tus = logIn(second, codename);
                assertThat(tus.head(url).statusCode()).isEqualTo(404);
                assertThat(tus.patch(url, 700_000, new byte[10]).statusCode()).isEqualTo(404);

                String again = tus.create(1_000_000, "second.txt").headers().firstValue("Location").orElseThrow();
                assertThat(tus.patch(again, 0, new byte[300_000]).statusCode()).isEqualTo(204);
                assertThat(incoming(dataDir)).hasSize(1);
            }
            assertThat(incoming(dataDir)).as("a clean stop drops it too").isEmpty();
            try (Stream<Path> files = Files.list(dataDir.resolve("store"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("no submission from either").isEmpty();
            }
        } finally {
            if (dataDir != null) {
                FileSystemUtils.deleteRecursively(dataDir);
            }
        }
    }

    private static TusClient logIn(PosternProcess server, String codename) {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page login = browser.get("/login");
        Page lookup = browser.post("/login", Map.of("_csrf", login.csrfToken(), "codename", codename));
        return new TusClient(browser, TusClient.csrfOf(lookup));
    }

    static List<Path> incoming(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("store/incoming"))) {
            return files.toList();
        }
    }
}
