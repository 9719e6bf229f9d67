package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.testing.GnuPG;

/**
 * The cipher and the integrity hash run on threads of their own, fed through 64 KiB buffers. GnuPG must read
 * every length exactly, however the writes fall against those buffers, and a failing disk must surface to the
 * caller as its own exception and leave no thread behind.
 */
class EncryptorThreadsTest {

    private static final int CHUNK = 1 << 16;
    private static GnuPG gpg;
    private static RecipientKey key;

    /** With no helper free, one (the hash takes it), and both: the three ways a message can be encrypted. */
    private static final List<Integer> HELPERS = List.of(0, 1, 2);

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        gpg = GnuPG.create();
        key = new RecipientKeyParser(Clock.systemUTC()).parse(gpg.exportArmored(gpg.generateCurve25519("T <t@x>")));
    }

    @AfterAll
    static void cleanUp() {
        gpg.close();
    }

    @Test
    void everyLengthAroundTheBufferEdgesDecryptsExactly() throws IOException {
        for (int helpers : HELPERS) {
            everyLengthDecryptsExactly(new OpenPgpStreamEncryptor(new SecureRandom(), new HelperThreads(helpers)),
                    helpers);
        }
    }

    private void everyLengthDecryptsExactly(OpenPgpStreamEncryptor encryptor, int helpers) throws IOException {
        Random random = new Random(3);
        int[] writeSizes = {1, 7, 1000, CHUNK - 1, CHUNK + 3, 3 * CHUNK};
        for (int length : new int[] {0, 1, 15, 16, CHUNK - 1, CHUNK, CHUNK + 1, 4 * CHUNK, 4 * CHUNK + 1,
                9 * CHUNK + 13}) {
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            Path blob = dir.resolve("blob-" + helpers + "-" + length);
            try (OutputStream file = Files.newOutputStream(blob);
                    OutputStream plain = encryptor.encryptingStream(file, List.of(key), "f", LocalDate.now())) {
                for (int off = 0, i = 0; off < length; i++) {
                    int n = Math.min(writeSizes[i % writeSizes.length], length - off);
                    plain.write(plaintext, off, n);
                    off += n;
                }
            }
            GnuPG.Decrypted out = gpg.decrypt(blob);
            assertThat(out.integrityOk()).as("%d helpers, length %d: %s", helpers, length, out.status()).isTrue();
            assertThat(out.plaintext()).as("%d helpers, length %d", helpers, length).isEqualTo(plaintext);
        }
    }

    @Test
    void aFailingSinkSurfacesItsOwnExceptionAndEndsBothThreads() throws Exception {
        for (int helpers : HELPERS) {
            failingSink(new OpenPgpStreamEncryptor(new SecureRandom(), new HelperThreads(helpers)), helpers);
        }
    }

    private void failingSink(OpenPgpStreamEncryptor encryptor, int helpers) throws Exception {
        IOException diskFull = new IOException("No space left on device");
        for (long failAfter : new long[] {100, 3L * CHUNK, 40L * CHUNK}) {
            OutputStream sink = new FailingSink(Files.newOutputStream(dir.resolve("full-" + helpers + "-" + failAfter)),
                    failAfter, diskFull);
            assertThatThrownBy(() -> {
                try (OutputStream plain = encryptor.encryptingStream(sink, List.of(key), "f", LocalDate.now())) {
                    byte[] block = new byte[10_000];
                    for (int i = 0; i < 1000; i++) {
                        plain.write(block);
                    }
                }
            }).as("%d helpers, failing after %d bytes", helpers, failAfter).isSameAs(diskFull);
            awaitNoEncryptorThreads();
            sink.close();
        }
    }

    private static void awaitNoEncryptorThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (encryptorThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(encryptorThreads()).as("postern-cfb and postern-mdc threads left running").isZero();
    }

    private static long encryptorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("postern-(cfb|mdc)")).count();
    }

    /** Accepts so many bytes, then fails every write, as a full disk does. */
    private static final class FailingSink extends FilterOutputStream {
        private final IOException failure;
        private long left;

        FailingSink(OutputStream out, long accept, IOException failure) {
            super(out);
            this.left = accept;
            this.failure = failure;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw failure;
            }
            left -= len;
            out.write(b, off, len);
        }
    }
}
