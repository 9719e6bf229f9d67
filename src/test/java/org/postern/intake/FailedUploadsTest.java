package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.sources.SourceRepository;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.BlockInput;
import org.postern.testing.CanaryContent;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoreFiles;
import org.postern.testing.TestBrowser;

/** An upload that fails (too large, cut off, slow past the session's idle limit) leaves no blob and no row. */
class FailedUploadsTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.source.max-upload-bytes=5MB", "--postern.source.session-timeout=2s").recipientKey();

    @Test
    void oversizeUploadGetsClearErrorAndLeavesNothing(PosternTestServer server) throws IOException {
        TestBrowser browser = loggedInBrowser(server);
        Page lookup = browser.get("/lookup");
        int blobsBefore = StoreFiles.blobs(server.storeDir()).size();
        long rowsBefore = server.bean(SubmissionRepository.class).count();

        Page refused = browser.submit(lookup, "with a big file", List.of(
                new TestBrowser.FilePart("big.bin", () -> new CanaryContent(7L * 1024 * 1024, "BIG", 1))));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.document().getElementById("problem").text())
                .contains("larger than the limit of 5 MB").contains("Nothing was kept");

        assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobsBefore);
        assertThat(server.bean(SubmissionRepository.class).count()).isEqualTo(rowsBefore);
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();
        assertThat(browser.get("/lookup").status()).as("the server still serves this source").isEqualTo(200);
    }

    @Test
    void abortedUploadLeavesNothing(PosternTestServer server) throws Exception {
        TestBrowser browser = loggedInBrowser(server);
        Page lookup = browser.get("/lookup");
        String action = lookup.document().selectFirst("form[enctype=multipart/form-data]").attr("action");
        HttpCookie cookie = browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(IntakeWebApplication.SESSION_COOKIE)).findFirst().orElseThrow();
        int blobsBefore = StoreFiles.blobs(server.storeDir()).size();
        long rowsBefore = server.bean(SubmissionRepository.class).count();

        try (Socket socket = new Socket("127.0.0.1", server.running().sourcePort())) {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + action + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie.getName() + "="
                    + cookie.getValue() + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                    + "Content-Length: 4000000\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"; "
                    + "filename=\"cut.bin\"\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000_000]);
            out.flush();
            waitUntil(() -> StoreFiles.incoming(server.storeDir()).size() == 1, "the upload to be under way");
            socket.setSoLinger(true, 0);
        }
        waitUntil(() -> StoreFiles.incoming(server.storeDir()).isEmpty(), "the aborted blob to be discarded");
        assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobsBefore);
        assertThat(server.bean(SubmissionRepository.class).count()).isEqualTo(rowsBefore);
    }

    @Test
    void slowUploadOutlivesTheSessionIdleLimitAndNeverRestsOnDiskInPlaintext(PosternTestServer server)
            throws Exception {
        TestBrowser browser = loggedInBrowser(server);
        Page lookup = browser.get("/lookup");
        long rowsBefore = server.bean(SubmissionRepository.class).count();
        String canary = "SLOWCANARY-" + java.util.UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        // Twice the 2 s idle limit: the session must not expire under a request in flight.
        var upload = java.util.concurrent.CompletableFuture.supplyAsync(() -> browser.submit(lookup, "slow",
                List.of(new TestBrowser.FilePart("slow.bin",
                        () -> new SlowStream(6, Duration.ofMillis(700), canary)))));
        // Mid-upload, where a container that buffers multipart parts would have its temp file.
        Thread.sleep(2300);
        assertThat(upload).isNotDone();
        assertThat(org.postern.testing.PlaintextScanner.findAll(List.of(server.dataDir(),
                Path.of(System.getProperty("java.io.tmpdir"))), List.of(canary))).isEmpty();
        Page receipt = upload.get();
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(server.bean(SubmissionRepository.class).count()).isEqualTo(rowsBefore + 2);
        assertThat(browser.get("/lookup").path()).as("still logged in").startsWith("/lookup");
    }

    private static TestBrowser loggedInBrowser(PosternTestServer server) {
        TestBrowser browser = SourceVisit.newSource(server).browser();
        assertThat(server.bean(SourceRepository.class).count()).isPositive();
        return browser;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Sends one 64 KiB chunk of a repeated canary per pause. */
    private static final class SlowStream extends BlockInput {
        private int chunksLeft;
        private final Duration pause;
        private final byte[] pattern;
        private int inChunk;
        private long sent;

        SlowStream(int chunks, Duration pause, String canary) {
            this.chunksLeft = chunks;
            this.pause = pause;
            this.pattern = (canary + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (inChunk == 0) {
                if (chunksLeft-- == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                inChunk = 65536;
            }
            int n = Math.min(len, inChunk);
            for (int i = 0; i < n; i++) {
                b[off + i] = pattern[(int) (sent++ % pattern.length)];
            }
            inChunk -= n;
            return n;
        }
    }
}
