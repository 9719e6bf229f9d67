package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoreFiles;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;

/**
 * Per-source daily quotas over real HTTP, through the form and the resumable protocol alike: a refusal is a calm
 * sentence in the source's language, nothing of the refused upload is kept, other sources are not affected, and
 * the count starts again the next day (UTC).
 */
class UploadQuotaTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.uploads.submissions-per-source-per-day=3", "--postern.uploads.bytes-per-source-per-day=1MB",
            "--postern.resumable.max-upload-bytes=8MB").recipientKey();

    @Test
    void aSourceSendsAtMostTheDailyNumberOfSubmissions(PosternTestServer server) throws IOException {
        TestBrowser source = SourceVisit.newSource(server).browser();
        assertThat(submit(source, "first", 1000).status()).isEqualTo(200);
        int blobs = StoreFiles.blobs(server.storeDir()).size();
        long rows = server.bean(SubmissionRepository.class).count();

        // A message and two files would make five today: refused before anything of it is kept.
        Page refused = submit(source, "three more", 1000, 1000);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.document().getElementById("problem").text())
                .isEqualTo("You can send at most 3 messages and files a day. Nothing was kept. "
                        + "Please send the rest tomorrow.");
        assertThat(refused.body()).contains("/css/source.css").doesNotContain("Exception");
        assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobs);
        assertThat(server.bean(SubmissionRepository.class).count()).isEqualTo(rows);
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();

        Page third = submit(source, "the third");
        assertThat(third.status()).as("the third of the day: %s", third.text()).isEqualTo(200);
        Page fourth = submit(source, "a fourth");
        assertThat(fourth.status()).isEqualTo(429);

        // The same in Russian, for a source who reads Russian.
        source.get("/lookup?lang=ru");
        Page russian = submit(source, "ещё одно");
        assertThat(russian.status()).isEqualTo(429);
        assertThat(russian.document().getElementById("problem").text()).startsWith("За день можно отправить")
                .contains("Ничего не сохранено");

        // A resumable upload counts the same: refused at creation, with the sentence for the page's script.
        TusClient tus = new TusClient(source, TusClient.csrfOf(source.get("/lookup")));
        HttpResponse<String> create = tus.create(1000, "more.bin");
        assertThat(create.statusCode()).isEqualTo(429);
        assertThat(create.body()).startsWith("За день можно отправить");

        assertThat(submit(SourceVisit.newSource(server).browser(), "someone else", 1000).status())
                .as("another source is not limited").isEqualTo(200);

        // The next day (dates are kept to the day, UTC) the source may send again.
        server.clock().advance(Duration.ofDays(1));
        assertThat(submit(source, "the next day").status()).isEqualTo(200);
    }

    @Test
    void aSourceSendsAtMostTheDailyNumberOfBytesCountingUploadsInFlight(PosternTestServer server) throws IOException {
        TestBrowser source = SourceVisit.newSource(server).browser();
        assertThat(submit(source, "", 400 * 1024).status()).isEqualTo(200);
        int blobs = StoreFiles.blobs(server.storeDir()).size();
        long rows = server.bean(SubmissionRepository.class).count();

        // The form does not say its size (chunked): refused while it streams, as it passes the quota.
        Page refused = submit(source, "", 700 * 1024);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.document().getElementById("problem").text())
                .isEqualTo("You can send at most 1 MB a day. Nothing was kept. Please send the rest tomorrow.");
        assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobs);
        assertThat(server.bean(SubmissionRepository.class).count()).isEqualTo(rows);
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();

        // A resumable upload declares its length: refused at creation, before anything is written.
        TusClient tus = new TusClient(source, TusClient.csrfOf(source.get("/lookup")));
        HttpResponse<String> tooLong = tus.create(700 * 1024, "big.bin");
        assertThat(tooLong.statusCode()).isEqualTo(429);
        assertThat(tooLong.body()).isEqualTo(
                "You can send at most 1 MB a day. Nothing was kept. Please send the rest tomorrow.");
        assertThat(StoreFiles.incoming(server.storeDir())).isEmpty();

        // An open resumable upload holds its share of the quota until it is finished or dropped.
        HttpResponse<String> open = tus.create(400 * 1024, "open.bin");
        assertThat(open.statusCode()).as(open.body()).isEqualTo(201);
        String location = open.headers().firstValue("Location").orElseThrow();
        assertThat(submit(source, "", 300 * 1024).status()).as("quota held by the open upload").isEqualTo(429);
        assertThat(tus.delete(location).statusCode()).isEqualTo(204);
        assertThat(submit(source, "", 300 * 1024).status()).as("quota freed by dropping it").isEqualTo(200);
    }

    private static Page submit(TestBrowser browser, String message, long... fileSizes) {
        List<TestBrowser.FilePart> files = java.util.Arrays.stream(fileSizes)
                .mapToObj(size -> new TestBrowser.FilePart("f.bin", () -> new CanaryContent(size, "QUOTA", 1)))
                .toList();
        return browser.submit(browser.get("/lookup"), message, files);
    }
}
