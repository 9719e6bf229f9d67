package org.postern.store;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * A child JVM that writes one blob without end, to be killed mid-upload: {@code filesystem DIR} or
 * {@code s3 ENDPOINT BUCKET ACCESS SECRET}. It prints {@link #READY} once more than a part has reached the store.
 */
final class KilledWriter {

    static final String READY = "WRITING\n";

    private KilledWriter() {
    }

    public static void main(String[] args) throws Exception {
        BlobStore store = args[0].equals("filesystem")
                ? new FileBlobStore(Path.of(args[1]), new SecureRandom(), Clock.systemUTC())
                : new S3BlobStore(S3BlobStoreContractTest.client(args[1], args[3], args[4]), args[2],
                        8 * 1024 * 1024, new SecureRandom());
        PendingBlob blob = store.create();
        OutputStream out = blob.output();
        byte[] chunk = new byte[65_536];
        new Random(1).nextBytes(chunk);
        boolean told = false;
        while (true) {
            out.write(chunk);
            if (!told && blob.size() > BlobStoreContract.LARGE) {
                out.flush();
                System.out.write(READY.getBytes(StandardCharsets.US_ASCII));
                System.out.flush();
                told = true;
            }
            if (told) {
                Thread.sleep(10);
            }
        }
    }
}
