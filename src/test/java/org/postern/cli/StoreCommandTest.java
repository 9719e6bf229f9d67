package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.postern.store.BlobStores;
import org.postern.store.PendingBlob;
import org.postern.testing.S3ProxyServer;
import org.postern.testing.TestProperties;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code store migrate --to s3} against a real S3 server: every blob arrives under its own id and checks out; a
 * run after an interruption (an unfinished upload, one blob already copied, one copy damaged) finishes the job;
 * local copies go only with {@code --delete-source}.
 */
class StoreCommandTest {

    private static S3ProxyServer server;
    private static S3Client admin;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        admin = server.client();
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    record Result(int exit, String out, String err) {
    }

    private Result run(String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--postern.data-dir=" + tmp.resolve("data"));
        int exit = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private String[] migrate(String... extra) {
        List<String> args = new ArrayList<>(List.of("store", "migrate", "--to", "s3"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--postern.store.s3.endpoint=" + server.endpoint(),
                "--postern.store.s3.bucket=" + server.bucket(),
                "--postern.store.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                "--postern.store.s3.secret-key=" + S3ProxyServer.SECRET_KEY));
        return args.toArray(String[]::new);
    }

    @Test
    void copiesVerifiesResumesAndDeletesLocalCopiesOnlyWhenAsked() throws Exception {
        BlobStore local = BlobStores.fileSystem(TestProperties.forDataDir(tmp.resolve("data")), new SecureRandom(),
                Clock.systemUTC());
        List<BlobId> blobs = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int size : new int[] {20 * 1024 * 1024 + 7, 1000, 0, 300_000}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            try (PendingBlob blob = local.create()) {
                blob.output().write(content);
                blob.publish();
                blobs.add(blob.id());
            }
            digests.add(sha256(content));
        }
        // An earlier run was cut short: one blob made it, one arrived damaged, one upload never finished.
        admin.putObject(b -> b.bucket(server.bucket()).key(blobs.get(1).value()),
                RequestBody.fromInputStream(local.open(blobs.get(1)), 1000));
        admin.putObject(b -> b.bucket(server.bucket()).key(blobs.get(3).value()), RequestBody.fromString("damaged"));
        admin.createMultipartUpload(b -> b.bucket(server.bucket()).key(blobs.get(0).value()));

        Result first = run(migrate());

        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Aborted 1 unfinished uploads", "Blobs to migrate: 4",
                "Copied and verified: 3", "Already in the store and verified: 1", "Deleted locally: 0");
        assertThat(admin.listMultipartUploads(b -> b.bucket(server.bucket())).uploads()).isEmpty();
        assertBucketHolds(blobs, digests);
        assertThat(local.list()).containsExactlyInAnyOrderElementsOf(blobs);
        assertThat(first.out() + first.err()).doesNotContain(blobs.get(0).value(), S3ProxyServer.SECRET_KEY);

        Result second = run(migrate("--delete-source"));

        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("Copied and verified: 0", "Already in the store and verified: 4",
                "Deleted locally: 4");
        assertThat(local.list()).isEmpty();
        assertBucketHolds(blobs, digests);
    }

    @Test
    void refusesWithoutABucket() {
        Result result = run("store", "migrate", "--to", "s3");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("--postern.store.s3.bucket");
    }

    private void assertBucketHolds(List<BlobId> blobs, List<String> digests) throws Exception {
        List<String> keys = admin.listObjectsV2Paginator(b -> b.bucket(server.bucket())).contents().stream()
                .map(S3Object::key).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(blobs.stream().map(BlobId::value).toList());
        for (int i = 0; i < blobs.size(); i++) {
            String key = blobs.get(i).value();
            try (InputStream in = admin.getObject(b -> b.bucket(server.bucket()).key(key))) {
                assertThat(sha256(in.readAllBytes())).as(key).isEqualTo(digests.get(i));
            }
            assertThat(admin.headObject(b -> b.bucket(server.bucket()).key(key)).metadata()).isEmpty();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
