package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.sources.Source;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.S3ServerExtension;
import org.postern.testing.S3TestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Postern with its blobs in a real S3 server (S3Proxy, or Ceph RGW with {@code -Dpostern.test.s3=ceph}: see
 * {@link S3TestServer}): a 50 MB file goes into the bucket and nowhere under the data directory, and the console's
 * download decrypts with gpg. Then the S3 server dies in the middle of an upload: the source gets the calm
 * "cannot accept this now" page, nothing is recorded and no object appears, what came before is intact, and the
 * next upload succeeds once the server is back. The multipart upload the outage left open is still in the bucket
 * then; Postern's start-up recovery aborts it, and nothing of it remains.
 */
@Tag("slow")
class S3StoreEndToEndTest {

    private static final long FILE_BYTES = 50L * 1000 * 1000;

    @RegisterExtension
    @Order(1)
    static final S3ServerExtension S3 = new S3ServerExtension();

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey()
            .settingsFrom(S3::settings);

    @Test
    void aFileGoesToTheBucketOnlyAndDecryptsFromTheConsoleThenAnOutageIsRefusedCalmlyAndRecovered(
            PosternTestServer server, GnuPG gpg, @Investigator Person ivy, @TempDir Path work) throws Exception {
        S3TestServer s3 = S3.server();
        S3Client admin = S3.client();
        SourceVisit visit = SourceVisit.newSource(server).submit("", List.of(new TestBrowser.FilePart("big.bin",
                () -> new CanaryContent(FILE_BYTES, "CANARY-S3", 3))));
        Source source = visit.source();
        Submission stored = server.bean(SubmissionRepository.class).findBySource(source.id()).get(0);
        String key = stored.blobId().value();

        assertThat(s3.storedNames(s3.bucket())).as("the object, in the S3 server's storage")
                .anyMatch(name -> name.contains(key));
        assertThat(admin.headObject(b -> b.bucket(s3.bucket()).key(key)).contentLength()).isGreaterThan(FILE_BYTES);
        assertThat(admin.headObject(b -> b.bucket(s3.bucket()).key(key)).contentType())
                .isEqualTo("application/octet-stream");
        assertThat(admin.headObject(b -> b.bucket(s3.bucket()).key(key)).metadata()).isEmpty();
        assertThat(blobSizedFilesUnder(server.dataDir())).as("nothing of the blob under the data dir").isEmpty();

        String path = "/sources/" + source.id() + "/submissions/" + stored.seq() + "/download";
        TestBrowser.Download download = ivy.browser().download(path);
        assertThat(download.status()).isEqualTo(200);
        Path file = Files.write(work.resolve("download.gpg"), download.body());
        GnuPG.DecryptedDigest plain = gpg.decryptToDigest(file);
        assertThat(plain.integrityOk()).as(plain.status()).isTrue();
        assertThat(plain.length()).isEqualTo(FILE_BYTES);
        assertThat(plain.sha256()).isEqualTo(CanaryContent.sha256(FILE_BYTES, "CANARY-S3", 3));
        byte[] whole = admin.getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray();
        assertThat(download.body()).isEqualTo(whole);

        // The S3 server dies 20 MB into the next upload.
        Page lookup = visit.browser().get("/lookup");
        Page refused = visit.browser().submit(lookup, "", List.of(new TestBrowser.FilePart("cut.bin",
                () -> new KillAfter(new CanaryContent(FILE_BYTES, "CANARY-S3", 4), 20_000_000L))));
        assertThat(refused.status()).as(refused.text()).isIn(503, 507);
        assertThat(refused.text()).containsIgnoringCase("cannot accept").contains("Nothing");
        assertThat(refused.body()).contains("/css/source.css").doesNotContain("Exception", "at org.");
        assertThat(server.bean(SubmissionRepository.class).findBySource(source.id())).hasSize(1);

        s3.restart();
        // The part being written at the kill, left half written by the S3 server (see removeTornWrites).
        assertThat(s3.removeTornWrites()).isLessThanOrEqualTo(1);
        // S3Proxy's file-system backend shows its own multipart bookkeeping as objects; no blob is among them.
        assertThat(blobObjects()).as("no object of the cut upload").containsExactly(key);
        assertThat(admin.getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray()).isEqualTo(whole);
        List<String> cut = openUploads();
        assertThat(cut).as("the cut upload, left open: Postern could not abort it while the store was down")
                .hasSize(1).doesNotContain(key);
        assertThat(s3.storedNames(s3.bucket())).as("its parts or its record, in the S3 server's storage")
                .anyMatch(name -> name.contains(cut.get(0)));

        visit.submit("", List.of(new TestBrowser.FilePart("after.bin",
                () -> new CanaryContent(9_000_000L, "CANARY-S3", 5))));
        List<Submission> after = server.bean(SubmissionRepository.class).findBySource(source.id());
        assertThat(after).hasSize(2);
        Path second = work.resolve("second.gpg");
        admin.getObject(b -> b.bucket(s3.bucket()).key(after.get(1).blobId().value()), second);
        GnuPG.DecryptedDigest again = gpg.decryptToDigest(second);
        assertThat(again.integrityOk()).as(again.status()).isTrue();
        assertThat(again.sha256()).isEqualTo(CanaryContent.sha256(9_000_000L, "CANARY-S3", 5));

        // Postern restarts: its start-up recovery aborts the upload the outage left open, and keeps the rest.
        server.stop();
        server.start();
        assertThat(openUploads()).as("incomplete multipart uploads after recovery").isEmpty();
        assertThat(blobObjects()).containsExactlyInAnyOrder(key, after.get(1).blobId().value());
        assertThat(s3.storedNames(s3.bucket())).as("nothing of the cut upload in the S3 server's storage")
                .noneMatch(name -> name.contains(cut.get(0)));
        assertThat(server.bean(SubmissionRepository.class).findBySource(source.id())).hasSize(2);
    }

    /** Keys of the bucket's objects that are blob ids. */
    private static List<String> blobObjects() {
        return S3.client().listObjectsV2Paginator(b -> b.bucket(S3.server().bucket())).contents().stream().map(o -> o.key())
                .filter(k -> k.matches("[0-9a-f]{32}")).toList();
    }

    /** Keys of the multipart uploads the S3 server still holds open. */
    private static List<String> openUploads() {
        return S3.client().listMultipartUploadsPaginator(b -> b.bucket(S3.server().bucket())).uploads().stream()
                .map(u -> u.key()).toList();
    }

    /** Files over 20 MB (the database stays far below), or named like a blob, under {@code dir}. */
    private static List<Path> blobSizedFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.size(p) > 20_000_000 || p.getFileName().toString().matches("[0-9a-f]{32}");
                } catch (IOException e) {
                    return true;
                }
            }).toList();
        }
    }

    /** The upload's content, which kills the S3 server once {@code after} bytes have been read. */
    private static final class KillAfter extends FilterInputStream {
        private final long after;
        private long read;

        KillAfter(InputStream in, long after) {
            super(in);
            this.after = after;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && read < after && (read += n) >= after) {
                S3.server().stop();
            }
            return n;
        }
    }

}
