package org.postern.store;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.postern.config.PosternProperties;
import org.postern.testing.S3TestServer;
import org.postern.testing.TestProperties;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The blob-store contract against a real S3 server, one bucket per test: S3Proxy on its file-system backend, or
 * Ceph RGW with {@code -Dpostern.test.s3=ceph} ({@link S3TestServer}).
 */
class S3BlobStoreContractTest extends BlobStoreContract {

    private static S3TestServer server;
    private static S3Client admin;

    @TempDir
    Path dataDir;
    private String bucket;
    private final List<S3BlobStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
        admin = client(server.endpoint(), server.accessKey(), server.secretKey());
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
        opened.clear();
    }

    static S3Client client(String endpoint, String access, String secret) {
        return S3BlobStore.client(settings(Path.of("unused"), endpoint, "unused", access, secret));
    }

    static PosternProperties.S3 settings(Path dataDir, String endpoint, String bucket, String access, String secret) {
        return TestProperties.forDataDir(dataDir, "postern.store.type=s3", "postern.store.s3.endpoint=" + endpoint,
                "postern.store.s3.bucket=" + bucket, "postern.store.s3.access-key=" + access,
                "postern.store.s3.secret-key=" + secret).store().s3();
    }

    @Override
    BlobStore store() {
        S3BlobStore store = new S3BlobStore(settings(dataDir, server.endpoint(), bucket, server.accessKey(),
                server.secretKey()), new SecureRandom());
        opened.add(store);
        return store;
    }

    @Override
    BlobStore brokenStore() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3BlobStore store = new S3BlobStore(settings(dataDir, "http://127.0.0.1:" + closedPort, bucket,
                server.accessKey(), server.secretKey()), new SecureRandom());
        opened.add(store);
        return store;
    }

    /**
     * Multipart uploads the server still knows, and anything in the server's storage for the bucket that belongs
     * to no published object ({@link S3TestServer#storedBeside}).
     */
    @Override
    List<String> unfinishedLeftovers() throws IOException {
        List<String> leftovers = new ArrayList<>();
        for (MultipartUpload upload : admin.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()) {
            leftovers.add("upload " + upload.key());
        }
        Set<String> objects = admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key()).collect(Collectors.toSet());
        server.storedBeside(bucket, objects).forEach(name -> leftovers.add("stored " + name));
        return leftovers;
    }

    @Override
    void putForeignObject(String name) {
        admin.putObject(b -> b.bucket(bucket).key(name), RequestBody.fromString("not a blob"));
    }

    @Override
    List<String> writerArguments() {
        return List.of("s3", server.endpoint(), bucket, server.accessKey(), server.secretKey());
    }
}
