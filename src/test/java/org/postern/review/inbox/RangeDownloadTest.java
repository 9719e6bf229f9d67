package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Investigator;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoredBlobs;
import org.postern.testing.TestBrowser;

/**
 * Ciphertext downloads in the console answer byte ranges, so a download cut off over Tor resumes: a range gives
 * exactly those bytes, and curl's own resume ({@code -C -}) completes a cut-off file to the very same bytes.
 */
class RangeDownloadTest {

    private static final long FILE_BYTES = 3L * 1024 * 1024 + 333;

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    /** The one file every test downloads: its console path and the exact ciphertext the store holds. */
    private record Stored(String path, byte[] whole) {
    }

    private static Stored stored;

    @BeforeAll
    static void submitAFile(PosternTestServer server) throws IOException {
        SourceVisit visit = SourceVisit.newSource(server).submit("", List.of(new TestBrowser.FilePart("r.bin",
                () -> new CanaryContent(FILE_BYTES, "CANARY-RANGE", 5))));
        String sourceId = visit.source().id();
        Submission s = server.bean(SubmissionRepository.class).findBySource(sourceId).get(0);
        stored = new Stored("/sources/" + sourceId + "/submissions/" + s.seq() + "/download",
                Files.readAllBytes(StoredBlobs.onlySubmission(server, visit)));
    }

    @Test
    void theWholeFileAdvertisesRanges() {
        HttpResponse<byte[]> full = get(null, null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(full.headers().firstValue("ETag")).isPresent();
        assertThat(full.body()).isEqualTo(stored.whole());
    }

    @Test
    void aRangeIsExactlyThoseBytes() {
        int n = stored.whole().length;
        assertRange("bytes=0-0", 0, 0);
        assertRange("bytes=1000-70000", 1000, 70000);
        assertRange("bytes=" + (n - 10) + "-", n - 10, n - 1);
        assertRange("bytes=-500", n - 500, n - 1);
        assertRange("bytes=5-" + (n + 1000), 5, n - 1);

        HttpResponse<byte[]> beyond = get("bytes=" + n + "-", null);
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + n);
        // Several ranges at once, or nonsense, get the stored.whole() file.
        assertThat(get("bytes=0-1,5-6", null).statusCode()).isEqualTo(200);
        assertThat(get("bytes=x-y", null).body()).isEqualTo(stored.whole());
    }

    @Test
    void ifRangeResumesOnlyTheSameFile() {
        String etag = get(null, null).headers().firstValue("ETag").orElseThrow();
        assertThat(get("bytes=100-", etag).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> other = get("bytes=100-", "\"0123456789abcdef0123456789abcdef\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(stored.whole());
        assertThat(get("bytes=100-", "Wed, 21 Oct 2015 07:28:00 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void curlResumesACutOffDownloadToTheSameBytes(PosternTestServer server, GnuPG gpg, @Investigator Person ivy,
            @TempDir Path work) throws Exception {
        Path file = work.resolve("cut.gpg");
        // What a download cut off at 40 % leaves behind.
        Files.write(file, Arrays.copyOf(stored.whole(), stored.whole().length * 2 / 5));
        String cookies = ivy.browser().cookies().getCookieStore().get(URI.create(server.consoleUrl())).stream()
                .map(HttpCookie::toString).collect(Collectors.joining("; "));
        Process curl = new ProcessBuilder("curl", "-sS", "-f", "-C", "-", "-b", cookies, "-o", file.toString(),
                server.consoleUrl() + stored.path()).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes());
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(output).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(stored.whole());
        GnuPG.DecryptedDigest out = gpg.decryptToDigest(file);
        assertThat(out.integrityOk()).as(out.status()).isTrue();
        assertThat(out.sha256()).isEqualTo(CanaryContent.sha256(FILE_BYTES, "CANARY-RANGE", 5));
    }

    private static void assertRange(String range, int first, int last) {
        HttpResponse<byte[]> part = get(range, null);
        assertThat(part.statusCode()).as(range).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range"))
                .hasValue("bytes " + first + "-" + last + "/" + stored.whole().length);
        assertThat(part.body()).as(range).isEqualTo(Arrays.copyOfRange(stored.whole(), first, last + 1));
    }

    private static HttpResponse<byte[]> get(String range, String ifRange) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(POSTERN.server().consoleUrl() + stored.path()))
                .GET();
        if (range != null) {
            request.header("Range", range);
        }
        if (ifRange != null) {
            request.header("If-Range", ifRange);
        }
        try {
            return HttpClient.newBuilder().cookieHandler(POSTERN.investigator("ivy").browser().cookies()).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
