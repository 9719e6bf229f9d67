package org.postern.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A blob on its way into the bucket. Ciphertext collects in one part-sized buffer; each full buffer goes out as a
 * part of a multipart upload, so memory stays at one part whatever the blob's size. A blob that never fills a
 * part (a message, a reply) is sent with one plain PUT when published. Until then the bucket holds no object.
 */
final class S3PendingBlob implements PendingBlob {

    private static final int FIRST_BUFFER = 1 << 16;

    private final S3Client s3;
    private final String bucket;
    private final BlobId id;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final Output output = new Output();
    private byte[] buffer = new byte[FIRST_BUFFER];
    private int buffered;
    private long size;
    private String uploadId;
    private boolean published;
    private boolean discarded;

    S3PendingBlob(S3Client s3, String bucket, BlobId id, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.id = id;
        this.partSize = partSize;
    }

    @Override
    public BlobId id() {
        return id;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void publish() throws IOException {
        try {
            if (uploadId == null) {
                s3.putObject(b -> b.bucket(bucket).key(id.value()).contentType(S3BlobStore.CONTENT_TYPE),
                        body());
            } else {
                if (buffered > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(id.value()).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            published = true;
            buffer = null;
        } catch (SdkException e) {
            throw new StoreWriteException(new IOException("the object store refused the blob", e));
        }
    }

    /** Aborts the upload, or deletes the object if it was published. Never throws: recovery clears the rest. */
    @Override
    public void discard() {
        if (discarded) {
            return;
        }
        discarded = true;
        buffer = null;
        try {
            if (published) {
                s3.deleteObject(b -> b.bucket(bucket).key(id.value()));
            } else if (uploadId != null) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(id.value()).uploadId(uploadId));
            }
        } catch (SdkException ignored) {
            // The store is unreachable: startup recovery aborts what is left.
        }
    }

    @Override
    public void close() {
        if (!published) {
            discard();
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        if (buffer == null) {
            throw new IOException("blob already published or discarded");
        }
        while (len > 0) {
            if (buffered == buffer.length && buffer.length < partSize) {
                buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 4));
            }
            int n = Math.min(len, buffer.length - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            size += n;
            if (buffered == partSize) {
                sendPart();
            }
        }
    }

    private void sendPart() throws StoreWriteException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(id.value())
                        .contentType(S3BlobStore.CONTENT_TYPE)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(id.value()).uploadId(uploadId)
                    .partNumber(number), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            buffered = 0;
        } catch (SdkException e) {
            throw new StoreWriteException(new IOException("the object store refused a part", e));
        }
    }

    /** The buffer as a request body, read in place (and re-read on a retry) rather than copied. */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = buffered;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                S3BlobStore.CONTENT_TYPE);
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            S3PendingBlob.this.write(b, off, len);
        }
    }
}
