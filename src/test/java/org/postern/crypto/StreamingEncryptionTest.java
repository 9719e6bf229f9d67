package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.crypto.internal.Encryptors;
import org.postern.crypto.internal.TestHelpers;
import org.postern.testing.GnuPG;
import org.postern.testing.GnuPGHomes;

/**
 * The cipher and the integrity hash work through 64 KiB buffers, the hash on a helper thread, and the packets
 * through buffers of their own. GnuPG must read every length exactly, however the writes fall against those
 * buffers, and a failing disk must surface to the caller as its own exception.
 */
class StreamingEncryptionTest {

    private static final int CHUNK = 1 << 16;
    @RegisterExtension
    static final GnuPGHomes HOMES = new GnuPGHomes();

    private static GpgRecipient recipient;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        recipient = GpgRecipient.curve25519(HOMES.of("t"), "T <t@x>");
    }

    /** The integrity hash on the helper pool, and on the caller's thread when the executor runs tasks in place. */
    private static final Map<String, Executor> HELPERS = Map.of("pool", TestHelpers.POOL, "inline", Runnable::run);

    @Test
    void everyLengthAroundTheBufferEdgesDecryptsExactly() throws IOException {
        for (Map.Entry<String, Executor> helpers : HELPERS.entrySet()) {
            everyLengthDecryptsExactly(new OpenPgpSubmissionEncryptor(Encryptors.padded(helpers.getValue())),
                    helpers.getKey());
        }
    }

    private void everyLengthDecryptsExactly(SubmissionEncryptor encryptor, String helpers) throws IOException {
        Random random = new Random(3);
        int[] writeSizes = {1, 7, 1000, CHUNK - 1, CHUNK + 3, 3 * CHUNK};
        for (int length : new int[] {0, 1, 15, 16, CHUNK - 1, CHUNK, CHUNK + 1, 4 * CHUNK, 4 * CHUNK + 1,
                9 * CHUNK + 13}) {
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            Path blob = dir.resolve("blob-" + helpers + "-" + length);
            try (OutputStream file = Files.newOutputStream(blob);
                    OutputStream plain = encryptor.encryptingStream(file, List.of(recipient.key()), "f",
                            LocalDate.now())) {
                for (int off = 0, i = 0; off < length; i++) {
                    int n = Math.min(writeSizes[i % writeSizes.length], length - off);
                    plain.write(plaintext, off, n);
                    off += n;
                }
            }
            GnuPG.Decrypted out = recipient.home().decrypt(blob);
            assertThat(out.integrityOk()).as("%s, length %d: %s", helpers, length, out.status()).isTrue();
            assertThat(out.plaintext()).as("%s, length %d", helpers, length).isEqualTo(plaintext);
        }
    }

    /** Each recipient's own GnuPG, holding only that recipient's key, reads the message with GOODMDC. */
    @Test
    void gnupgDecryptsWithGoodMdcForOneAndForThreeRecipients() throws Exception {
        List<GpgRecipient> all = List.of(recipient, GpgRecipient.curve25519(HOMES.of("u"), "U <u@x>"),
                GpgRecipient.sharedRsa(3072));
        List<RecipientKey> keys = all.stream().map(GpgRecipient::key).toList();
        byte[] plaintext = new byte[5 * CHUNK + 7];
        new Random(5).nextBytes(plaintext);
        for (int recipients : new int[] {1, 3}) {
            Path blob = dir.resolve("to-" + recipients);
            try (OutputStream file = Files.newOutputStream(blob); OutputStream plain = new OpenPgpSubmissionEncryptor(
                    Encryptors.padded(TestHelpers.POOL)).encryptingStream(file, keys.subList(0, recipients), "f",
                            LocalDate.now())) {
                plain.write(plaintext);
            }
            for (GpgRecipient each : all.subList(0, recipients)) {
                GnuPG.Decrypted out = each.home().decrypt(blob);
                assertThat(out.status()).as("%d recipients", recipients).contains("[GNUPG:] GOODMDC")
                        .contains("[GNUPG:] DECRYPTION_INFO 2 9 0");
                assertThat(out.plaintext()).as("%d recipients", recipients).isEqualTo(plaintext);
            }
        }
    }

    @Test
    void aFailingSinkSurfacesItsOwnException() throws Exception {
        for (Map.Entry<String, Executor> helpers : HELPERS.entrySet()) {
            failingSink(new OpenPgpSubmissionEncryptor(Encryptors.padded(helpers.getValue())), helpers.getKey());
        }
    }

    private void failingSink(SubmissionEncryptor encryptor, String helpers) throws Exception {
        IOException diskFull = new IOException("No space left on device");
        for (long failAfter : new long[] {100, 3L * CHUNK, 40L * CHUNK}) {
            OutputStream sink = new FailingSink(Files.newOutputStream(dir.resolve("full-" + helpers + "-" + failAfter)),
                    failAfter, diskFull);
            assertThatThrownBy(() -> {
                try (OutputStream plain = encryptor.encryptingStream(sink, List.of(recipient.key()), "f",
                        LocalDate.now())) {
                    byte[] block = new byte[10_000];
                    for (int i = 0; i < 1000; i++) {
                        plain.write(block);
                    }
                }
            }).as("%s, failing after %d bytes", helpers, failAfter).isSameAs(diskFull);
            sink.close();
        }
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
