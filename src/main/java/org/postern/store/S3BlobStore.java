package org.postern.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.postern.config.PosternProperties;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Ciphertext in an S3-compatible bucket. Objects are named by their {@link BlobId} alone and carry no metadata
 * and no content type but {@code application/octet-stream}. A blob being written is a multipart upload (or
 * nothing at all while it is smaller than one part), so it is invisible until published; recovery aborts the
 * uploads a crash left behind.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final SecureRandom random;
    /** Sends the parts of uploads in progress, at most one per upload at a time. */
    private final ExecutorService sender;

    S3BlobStore(PosternProperties.S3 settings, SecureRandom random) {
        this(client(settings), settings.bucket(), (int) settings.partSize().toBytes(), random);
    }

    S3BlobStore(S3Client s3, String bucket, int partSize, SecureRandom random) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.random = random;
        AtomicInteger threads = new AtomicInteger();
        this.sender = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "postern-s3-part-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static S3Client client(PosternProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // Checksums only where the API demands them: many self-hosted stores reject the newer
                // trailing-checksum uploads, and each part is signed anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain http the SDK would sign uploads chunk by chunk (aws-chunked); Ceph RGW 16 answers 400
                // to an empty object sent that way. Each part is in memory, so it is hashed and signed whole.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (!settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    /**
     * The keys from the settings, a file or the environment; never the SDK's default chain, which would also ask
     * instance-metadata services over the network.
     */
    static AwsCredentialsProvider credentials(PosternProperties.S3 settings) {
        String secret = settings.secretKey();
        if (secret.isBlank() && settings.secretKeyFile() != null) {
            try {
                secret = Files.readString(settings.secretKeyFile(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read postern.store.s3.secret-key-file", e);
            }
        }
        String access = settings.accessKey().isBlank() ? System.getenv("AWS_ACCESS_KEY_ID") : settings.accessKey();
        if (secret.isBlank()) {
            secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        }
        if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
    }

    @Override
    public PendingBlob create() {
        return create(BlobId.random(random));
    }

    /** A blob under a given id: only the migration, which keeps each blob's id, needs this. */
    PendingBlob create(BlobId id) {
        return new S3PendingBlob(s3, bucket, id, partSize, sender);
    }

    @Override
    public InputStream open(BlobId id, long from) throws IOException {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(id.value());
        if (from > 0) {
            request.range("bytes=" + from + "-");
        }
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw missing(id);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(id);
            }
            if (e.statusCode() == 416) {
                // Asked for the bytes after the last one.
                return InputStream.nullInputStream();
            }
            throw new IOException("cannot read from the object store", e);
        } catch (SdkException e) {
            throw new IOException("cannot read from the object store", e);
        }
    }

    @Override
    public long size(BlobId id) throws IOException {
        HeadObjectResponse head = head(id);
        if (head == null) {
            throw missing(id);
        }
        return head.contentLength();
    }

    @Override
    public boolean exists(BlobId id) throws IOException {
        return head(id) != null;
    }

    private HeadObjectResponse head(BlobId id) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(id.value()));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new IOException("cannot reach the object store", e);
        } catch (SdkException e) {
            throw new IOException("cannot reach the object store", e);
        }
    }

    @Override
    public boolean delete(BlobId id) throws IOException {
        // S3 deletes succeed whether or not the object was there.
        if (!exists(id)) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(id.value()));
            return true;
        } catch (SdkException e) {
            throw new IOException("cannot delete from the object store", e);
        }
    }

    @Override
    public Set<BlobId> list() throws IOException {
        Set<BlobId> ids = new HashSet<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                if (BlobId.isValid(object.key())) {
                    ids.add(new BlobId(object.key()));
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot list the object store", e);
        }
        return ids;
    }

    /** Aborts every multipart upload under a blob id: after a crash, none of them can be finished. */
    @Override
    public int removeIncoming() throws IOException {
        int removed = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()) {
                if (!BlobId.isValid(upload.key())) {
                    continue;
                }
                try {
                    s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(upload.key())
                            .uploadId(upload.uploadId()).build());
                    removed++;
                } catch (NoSuchUploadException gone) {
                    // Finished or aborted meanwhile.
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot list unfinished uploads in the object store", e);
        }
        return removed;
    }

    private static NoSuchFileException missing(BlobId id) {
        return new NoSuchFileException(id.value());
    }

    @Override
    public void close() {
        sender.shutdown();
        s3.close();
    }
}
