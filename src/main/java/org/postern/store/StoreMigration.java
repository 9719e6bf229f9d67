package org.postern.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.postern.config.PosternProperties;

/**
 * Copies every blob from the data directory's store to the S3 store under the same id, and checks each copy by
 * reading it back: same length, same SHA-256. Run with the server stopped. A run cut short resumes: unfinished
 * uploads are aborted first, and a blob already in the bucket is checked rather than copied again (a copy that does
 * not match is replaced). Local copies are deleted only when asked, and only once their copy checked out.
 */
public final class StoreMigration {

    private static final int BUFFER = 1 << 16;

    /** Counts, never names. */
    public record Report(int copied, int alreadyThere, int failed, int deletedLocally, long bytes) {
    }

    private final FileBlobStore from;
    private final S3BlobStore to;
    private final PrintWriter out;

    private StoreMigration(FileBlobStore from, S3BlobStore to, PrintWriter out) {
        this.from = from;
        this.to = to;
        this.out = out;
    }

    /** From the file system to the S3 store the settings describe. */
    public static Report toS3(PosternProperties properties, boolean deleteSource, PrintWriter out)
            throws IOException {
        SecureRandom random = new SecureRandom();
        try (S3BlobStore s3 = new S3BlobStore(properties.store().s3(), random)) {
            return new StoreMigration(new FileBlobStore(properties, random, Clock.systemUTC()), s3, out)
                    .run(deleteSource);
        }
    }

    private Report run(boolean deleteSource) throws IOException {
        int aborted = to.removeIncoming();
        if (aborted > 0) {
            out.println("Aborted " + aborted + " unfinished uploads from an earlier run.");
        }
        List<BlobId> blobs = from.list().stream().sorted(java.util.Comparator.comparing(BlobId::value)).toList();
        out.println("Blobs to migrate: " + blobs.size());
        int copied = 0;
        int there = 0;
        int failed = 0;
        int deleted = 0;
        long bytes = 0;
        int done = 0;
        for (BlobId id : blobs) {
            Digest local;
            try (InputStream in = from.open(id)) {
                local = Digest.of(in, OutputStream.nullOutputStream());
            } catch (NoSuchFileException gone) {
                continue;
            }
            boolean verified;
            if (local.equals(remote(id))) {
                there++;
                verified = true;
            } else {
                Digest sent;
                try (PendingBlob blob = to.create(id); InputStream in = from.open(id)) {
                    sent = Digest.of(in, blob.output());
                    blob.publish();
                }
                verified = sent.equals(local) && local.equals(remote(id));
                if (verified) {
                    copied++;
                    bytes += local.length();
                } else {
                    failed++;
                    to.delete(id);
                }
            }
            if (verified && deleteSource && from.delete(id)) {
                deleted++;
            }
            if (++done % 100 == 0) {
                out.println("  " + done + " of " + blobs.size());
            }
        }
        return new Report(copied, there, failed, deleted, bytes);
    }

    private Digest remote(BlobId id) throws IOException {
        if (!to.exists(id)) {
            return null;
        }
        try (InputStream in = to.open(id)) {
            return Digest.of(in, OutputStream.nullOutputStream());
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private record Digest(long length, byte[] sha256) {

        static Digest of(InputStream in, OutputStream copy) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] buffer = new byte[BUFFER];
            long length = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
                copy.write(buffer, 0, n);
                length += n;
            }
            return new Digest(length, digest.digest());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Digest d && d.length == length && MessageDigest.isEqual(d.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(length) * 31 + Arrays.hashCode(sha256);
        }
    }
}
