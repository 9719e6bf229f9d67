package org.postern.testing;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server that a test starts on loopback, with one empty bucket: S3Proxy ({@link S3ProxyServer}) by
 * default, or Ceph's RADOS gateway on a one-node cluster ({@link CephRgw}) when the system property
 * {@value #PROPERTY} is {@code ceph}. Tests that should hold on every S3 server take theirs from {@link #start()}.
 */
public interface S3TestServer extends AutoCloseable {

    /** The system property that picks the server: {@code s3proxy} (the default) or {@code ceph}. */
    String PROPERTY = "postern.test.s3";

    /** Starts the server the run asks for with {@value #PROPERTY}. */
    static S3TestServer start() {
        String kind = System.getProperty(PROPERTY, "s3proxy").strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "s3proxy", "" -> S3ProxyServer.start();
            case "ceph" -> CephRgw.start();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + kind
                    + " names no S3 server for the tests: use s3proxy or ceph");
        };
    }

    /** What it is, for messages: "S3Proxy" or "Ceph RGW". */
    String name();

    String endpoint();

    String accessKey();

    String secretKey();

    /** The bucket made at start. */
    String bucket();

    /** Kills the S3 front end at once (SIGKILL), as a crash or a network cut would; its storage stays. */
    void stop();

    /** Starts the front end again after {@link #stop()}, on the same port and storage, and waits until it answers. */
    void restart();

    /**
     * The names of everything the server's own storage holds for {@code bucket} (files, or RADOS objects), once
     * the server has carried out the deletions it defers. Each name contains the key of the object or upload it
     * belongs to.
     */
    List<String> storedNames(String bucket) throws IOException;

    /**
     * What the server's storage holds for {@code bucket} that is not part of one of the published {@code objects}:
     * parts of unfinished uploads, the server's multipart bookkeeping, torn writes.
     */
    List<String> storedBeside(String bucket, Set<String> objects) throws IOException;

    /**
     * Deletes what a kill left half written where the server itself would not, and says how many; nothing in it
     * was ever acknowledged to a client. None by default.
     */
    default int removeTornWrites() throws IOException {
        return 0;
    }

    /** A client of the server's own, for tests to look into and tamper with the bucket. */
    default S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** The {@code --postern.*} settings that point Postern at this server's bucket. */
    default List<String> settings() {
        return List.of("--postern.store.type=s3", "--postern.store.s3.endpoint=" + endpoint(),
                "--postern.store.s3.bucket=" + bucket(), "--postern.store.s3.access-key=" + accessKey(),
                "--postern.store.s3.secret-key=" + secretKey());
    }

    /** Stops the server for good (a Ceph cluster is deleted with its storage). */
    @Override
    void close();
}
