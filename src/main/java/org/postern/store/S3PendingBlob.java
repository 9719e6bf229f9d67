package org.postern.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A blob on its way into the bucket. Ciphertext collects in a part-sized buffer; each full buffer goes out as a
 * part of a multipart upload on a sender thread while the next one fills, so the writer does not wait for the
 * store's round trip, and memory stays at two parts whatever the blob's size. A blob that never fills a part (a
 * message, a reply) is sent with one plain PUT when published. Until then the bucket holds no object.
 */
final class S3PendingBlob implements PendingBlob {

    private static final int FIRST_BUFFER = 1 << 16;

    private final S3Client s3;
    private final String bucket;
    private final BlobId id;
    private final int partSize;
    private final ExecutorService sender;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final Output output = new Output();
    private byte[] buffer = new byte[FIRST_BUFFER];
    /** The buffer of the part in flight, to fill next once that part is sent. */
    private byte[] spare;
    private Future<?> inFlight;
    /** A part that the store refused: the blob can then only be discarded. */
    private StoreWriteException failure;
    private int buffered;
    private long size;
    private String uploadId;
    private boolean published;
    private boolean discarded;

    S3PendingBlob(S3Client s3, String bucket, BlobId id, int partSize, ExecutorService sender) {
        this.s3 = s3;
        this.bucket = bucket;
        this.id = id;
        this.partSize = partSize;
        this.sender = sender;
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
        if (failure != null) {
            throw failure;
        }
        awaitPart();
        try {
            if (uploadId == null) {
                s3.putObject(b -> b.bucket(bucket).key(id.value()).contentType(S3BlobStore.CONTENT_TYPE),
                        body(buffer, buffered));
            } else {
                if (buffered > 0) {
                    sendPart(buffer, buffered);
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(id.value()).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            published = true;
            buffer = null;
            spare = null;
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
        spare = null;
        try {
            awaitPart();
        } catch (StoreWriteException alreadyFailed) {
            // Aborting below removes whatever of it arrived.
        }
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
        if (failure != null) {
            throw failure;
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
                dispatchPart();
            }
        }
    }

    /** Hands the full buffer to the sender thread, once the part before it is in the store, and fills the other. */
    private void dispatchPart() throws StoreWriteException {
        awaitPart();
        byte[] full = buffer;
        buffer = spare != null ? spare : new byte[partSize];
        spare = full;
        buffered = 0;
        inFlight = sender.submit(() -> {
            sendPart(full, partSize);
            return null;
        });
    }

    /** Waits for the part in flight, if any; its failure is this blob's failure. */
    private void awaitPart() throws StoreWriteException {
        Future<?> part = inFlight;
        if (part == null) {
            return;
        }
        inFlight = null;
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException(new IOException("interrupted while sending a part", e));
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof StoreWriteException refused ? refused
                    : new StoreWriteException(new IOException("the object store refused a part", e.getCause()));
            throw failure;
        }
    }

    private void sendPart(byte[] bytes, int length) throws StoreWriteException {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(id.value())
                        .contentType(S3BlobStore.CONTENT_TYPE)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(id.value()).uploadId(uploadId)
                    .partNumber(number), body(bytes, length)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        } catch (SdkException e) {
            throw new StoreWriteException(new IOException("the object store refused a part", e));
        }
    }

    /** A buffer as a request body, read in place (and re-read on a retry) rather than copied. */
    private static RequestBody body(byte[] bytes, int length) {
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

        /** Everything written so far is then in the store, but for the part still filling. */
        @Override
        public void flush() throws IOException {
            awaitPart();
        }
    }
}
