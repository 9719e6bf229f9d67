package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionKind;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoreFiles;
import org.postern.testing.TusClient;

/** Every rule of the tus protocol at /uploads, over real HTTP, with GnuPG reading what arrived. */
@Tag("slow")
class ResumableUploadProtocolTest {

    private static final long MAX = 8L * 1024 * 1024;
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.resumable.max-upload-bytes=8MB", "--postern.resumable.expiry=10s",
            "--postern.resumable.max-open-per-source=3").recipientKey();

    @AfterEach
    void nothingPartialIsLeftBehind(PosternTestServer server) throws Exception {
        awaitNoIncoming(server);
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        assertThat(response.headers().firstValue("Upload-Expires")).isPresent();
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void optionsAdvertisesTheProtocolAndItsExtensions(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        HttpResponse<String> options = v.tus().send(v.tus().tus("/uploads")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).hasValue("creation,termination,expiration");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(Long.toString(MAX));
    }

    @Test
    void piecesBecomeOneSubmissionThatGpgDecryptsWithItsNameInside(PosternTestServer server, GnuPG gpg)
            throws IOException {
        SourceVisit v = SourceVisit.newSource(server);
        byte[] file = randomBytes(3 * 1024 * 1024 + 17, 1);
        String url = created(v.tus().create(file.length, "ledger-2019 è.xlsx"));

        HttpResponse<String> head = v.tus().head(url);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue(Long.toString(file.length));
        assertThat(head.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        int half = 1024 * 1024 + 5;
        HttpResponse<String> first = v.tus().patch(url, 0, java.util.Arrays.copyOfRange(file, 0, half));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(TusClient.offset(first)).isEqualTo(half);
        assertThat(TusClient.offset(v.tus().head(url))).isEqualTo(half);
        assertThat(submissionsOf(server, v)).isEmpty();

        HttpResponse<String> last = v.tus().patch(url, half, java.util.Arrays.copyOfRange(file, half, file.length));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        assertThat(TusClient.offset(last)).isEqualTo(file.length);

        List<Submission> stored = submissionsOf(server, v);
        assertThat(stored).extracting(Submission::kind).containsExactly(SubmissionKind.FILE);
        GnuPG.Decrypted out = gpg.decrypt(server.storeDir().resolve(stored.get(0).blobId().value()));
        assertThat(out.integrityOk()).as(out.status()).isTrue();
        assertThat(out.plaintext()).isEqualTo(file);
        assertThat(out.fileName()).isEqualTo("ledger-2019 è.xlsx");
        // A finished upload still answers, so a client whose last response was lost learns it is done.
        assertThat(TusClient.offset(v.tus().head(url))).isEqualTo(file.length);
    }

    @Test
    void aWrongOffsetIsAConflictAndChangesNothing(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(1000, "a.bin"));
        assertThat(v.tus().patch(url, 0, randomBytes(100, 2)).statusCode()).isEqualTo(204);
        for (long wrong : new long[] {0, 99, 101, 1000}) {
            HttpResponse<String> conflict = v.tus().patch(url, wrong, randomBytes(10, 3));
            assertThat(conflict.statusCode()).as("offset %d", wrong).isEqualTo(409);
        }
        assertThat(TusClient.offset(v.tus().head(url))).isEqualTo(100);
        assertThat(v.tus().delete(url).statusCode()).isEqualTo(204);
    }

    @Test
    void aPieceOfAnotherTypeIsUnsupported(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(1000, "a.bin"));
        for (String type : new String[] {"application/octet-stream", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> refused = v.tus().patch(url, 0, HttpRequest.BodyPublishers.ofByteArray(
                    randomBytes(10, 4)), type);
            assertThat(refused.statusCode()).isEqualTo(415);
        }
        assertThat(TusClient.offset(v.tus().head(url))).isZero();
        v.tus().delete(url);
    }

    @Test
    void anUploadOverTheLimitIsRefusedBeforeAnythingIsWritten(PosternTestServer server) throws IOException {
        SourceVisit v = SourceVisit.newSource(server);
        HttpResponse<String> refused = v.tus().create(MAX + 1, "huge.iso");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();
    }

    @Test
    void aPiecePastTheLengthIsRefusedAndChangesNothing(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(100, "a.bin"));
        assertThat(v.tus().patch(url, 0, randomBytes(60, 5)).statusCode()).isEqualTo(204);
        HttpResponse<String> past = v.tus().patch(url, 60, randomBytes(41, 6));
        assertThat(past.statusCode()).isEqualTo(413);
        assertThat(TusClient.offset(v.tus().head(url))).isEqualTo(60);

        // Sent chunked, the length is only known as it arrives: the upload is stopped.
        HttpResponse<String> chunked = v.tus().patch(url, 60, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(randomBytes(50, 7))), TusClient.OCTETS);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(v.tus().head(url).statusCode()).isEqualTo(404);
    }

    @Test
    void onePieceAtATimeAndADeleteDuringAPieceDropsEverything(PosternTestServer server) throws Exception {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(1_000_000, "a.bin"));
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(feed, 1 << 16);
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> v.tus().patch(url, 0,
                HttpRequest.BodyPublishers.ofInputStream(() -> body), TusClient.OCTETS));
        feed.write(randomBytes(200_000, 8));
        feed.flush();
        awaitOffsetAtLeast(v.tus(), url, 100_000);

        HttpResponse<String> second = v.tus().patch(url, TusClient.offset(v.tus().head(url)), randomBytes(10, 9));
        assertThat(second.statusCode()).isEqualTo(423);

        assertThat(v.tus().delete(url).statusCode()).isEqualTo(204);
        assertThat(v.tus().head(url).statusCode()).isEqualTo(404);
        feed.write(randomBytes(100_000, 10));
        feed.close();
        HttpResponse<String> ended = slow.get();
        assertThat(ended.statusCode()).isEqualTo(404);
        awaitNoIncoming(server);
    }

    @Test
    void anotherSourcesUploadAnswersExactlyAsAMissingOne(PosternTestServer server) {
        SourceVisit owner = SourceVisit.newSource(server);
        SourceVisit other = SourceVisit.newSource(server);
        String url = created(owner.tus().create(1000, "a.bin"));
        String missing = "/uploads/" + "0".repeat(32);
        for (String target : List.of(url, missing)) {
            HttpResponse<String> head = other.tus().head(target);
            HttpResponse<String> patch = other.tus().patch(target, 0, randomBytes(10, 11));
            HttpResponse<String> delete = other.tus().delete(target);
            assertThat(List.of(head.statusCode(), patch.statusCode(), delete.statusCode()))
                    .as(target).containsExactly(404, 404, 404);
            assertThat(patch.body()).isEqualTo(other.tus().patch(missing, 0, randomBytes(10, 12)).body());
        }
        assertThat(TusClient.offset(owner.tus().head(url))).isZero();
        owner.tus().delete(url);
    }

    @Test
    void withoutASessionOrTheCsrfHeaderNothingHappens(PosternTestServer server) throws IOException {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(1000, "a.bin"));

        HttpClient stranger = HttpClient.newHttpClient();
        assertThat(send(stranger, tusRequest(server, url).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(401);
        // Without a session there is no CSRF token either, and that check comes first.
        for (HttpRequest.Builder r : List.of(
                tusRequest(server, "/uploads").header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()),
                tusRequest(server, url).header("Upload-Offset", "0").header("Content-Type", TusClient.OCTETS)
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10])),
                tusRequest(server, url).DELETE())) {
            assertThat(send(stranger, r).statusCode()).isEqualTo(403);
        }

        TusClient noCsrf = new TusClient(v.browser(), "");
        HttpResponse<String> create = v.tus().send(tusRequest(server, "/uploads").header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()).setHeader("X-CSRF-TOKEN", "x"));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(v.tus().send(tusRequest(server, url).header("Upload-Offset", "0")
                .header("Content-Type", TusClient.OCTETS).method("PATCH",
                        HttpRequest.BodyPublishers.ofByteArray(new byte[10]))).statusCode()).isEqualTo(403);
        assertThat(v.tus().send(tusRequest(server, url).DELETE()).statusCode()).isEqualTo(403);
        assertThat(noCsrf.head(url).statusCode()).isEqualTo(200);
        assertThat(TusClient.offset(v.tus().head(url))).isZero();
        assertThat(StoreFiles.incoming(server.storeDir())).hasSize(1);
        v.tus().delete(url);
    }

    @Test
    void anotherProtocolVersionIsAPreconditionFailure(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        HttpResponse<String> old = v.tus().send(v.tus().tus("/uploads").setHeader("Tus-Resumable", "0.2.2")
                .header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(old.statusCode()).isEqualTo(412);
        assertThat(old.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        HttpResponse<String> noLength = v.tus().send(v.tus().tus("/uploads")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noLength.statusCode()).isEqualTo(400);
        HttpResponse<String> badMetadata = v.tus().send(v.tus().tus("/uploads").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename not*base64").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(badMetadata.statusCode()).isEqualTo(400);
    }

    @Test
    void aSourceMayHaveOnlySoManyOpenUploads(PosternTestServer server) {
        SourceVisit v = SourceVisit.newSource(server);
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            urls.add(created(v.tus().create(1000, "f" + i + ".bin")));
        }
        assertThat(v.tus().create(1000, "f3.bin").statusCode()).isEqualTo(429);
        // Another source is not held back by this one.
        SourceVisit other = SourceVisit.newSource(server);
        other.tus().delete(created(other.tus().create(1000, "g.bin")));
        v.tus().delete(urls.remove(0));
        urls.add(created(v.tus().create(1000, "f4.bin")));
        urls.forEach(v.tus()::delete);
    }

    @Test
    void anIdleUploadExpiresAndItsPartialCiphertextGoes(PosternTestServer server) throws Exception {
        SourceVisit v = SourceVisit.newSource(server);
        String url = created(v.tus().create(1000, "a.bin"));
        assertThat(v.tus().patch(url, 0, randomBytes(500, 13)).statusCode()).isEqualTo(204);
        assertThat(StoreFiles.incoming(server.storeDir())).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!StoreFiles.incoming(server.storeDir()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();
        assertThat(v.tus().head(url).statusCode()).isEqualTo(404);
        assertThat(v.tus().patch(url, 500, randomBytes(500, 14)).statusCode()).isEqualTo(404);
        assertThat(submissionsOf(server, v)).isEmpty();
    }

    private static HttpRequest.Builder tusRequest(PosternTestServer server, String path) {
        return HttpRequest.newBuilder(java.net.URI.create(server.sourceUrl() + path))
                .header("Tus-Resumable", "1.0.0");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitOffsetAtLeast(TusClient tus, String url, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (TusClient.offset(tus.head(url)) < offset) {
            assertThat(System.nanoTime()).as("offset never reached %d", offset).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitNoIncoming(PosternTestServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!StoreFiles.incoming(server.storeDir()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(StoreFiles.incoming(server.storeDir())).as("partial blobs").isEmpty();
    }

    private static List<Submission> submissionsOf(PosternTestServer server, SourceVisit visit) {
        return server.bean(SubmissionRepository.class).findBySource(visit.source().id());
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
