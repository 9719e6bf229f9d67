package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.crypto.internal.Encryptors;
import org.postern.crypto.internal.OpenPgpStreamEncryptor;
import org.postern.crypto.internal.TestHelpers;
import org.postern.testing.GnuPG;
import org.postern.testing.Prerequisites;

/**
 * Blob sizes are Padmé-padded inside the OpenPGP message: sizes in one bucket become one size, the padding costs
 * at most 12 %, and GnuPG and Sequoia still return exactly the original bytes with the integrity check passed.
 */
class PaddedSizesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    @RegisterExtension
    static final TwoRecipients KEYS = new TwoRecipients(3072);

    private final SecureRandom random = new SecureRandom();
    private final OpenPgpStreamEncryptor paddedOpenPgp = Encryptors.padded(TestHelpers.POOL);
    private final SubmissionEncryptor padded = new OpenPgpSubmissionEncryptor(paddedOpenPgp);
    private final SubmissionEncryptor unpadded = new OpenPgpSubmissionEncryptor(Encryptors.unpadded());

    @TempDir
    Path dir;

    @Test
    void realBlobsGrowByAtMostTwelvePercentAndDecryptExactly() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            sizes.add(n);
        }
        sizes.addAll(List.of(1000, 4096, 65_535, 65_536, 65_537, 100_000, 1 << 20, (1 << 20) + 1, 5_000_000));
        for (int n : sizes) {
            byte[] plaintext = new byte[n];
            random.nextBytes(plaintext);
            byte[] blob = encrypt(padded, plaintext, List.of(KEYS.curve().key()));
            byte[] plain = encrypt(unpadded, plaintext, List.of(KEYS.curve().key()));
            assertThat((double) blob.length / plain.length).as("size %d", n).isLessThanOrEqualTo(1.12);
            if (n <= 8 || n % 37 == 0 || n > 300) {
                assertDecryptsExactly(blob, plaintext);
            }
        }
    }

    @Test
    void sizesWithinOnePercentInOneBucketGiveIdenticalBlobs() throws IOException {
        // Padmé rounds content of about 1 MB to a multiple of 16 KiB: 999,424 < both < 1,015,808.
        int small = 1_000_100;
        int large = 1_009_000;
        assertThat((double) (large - small) / small).isLessThan(0.01);
        List<byte[]> blobs = new ArrayList<>();
        for (int n : new int[] {small, large}) {
            byte[] plaintext = new byte[n];
            random.nextBytes(plaintext);
            byte[] blob = encrypt(padded, plaintext, List.of(KEYS.curve().key(), KEYS.rsa().key()));
            assertDecryptsExactly(blob, plaintext);
            Path file = dir.resolve("rsa-" + n);
            Files.write(file, blob);
            GnuPG.Decrypted byRsa = KEYS.rsa().home().decrypt(file);
            assertThat(byRsa.integrityOk()).as(byRsa.status()).isTrue();
            assertThat(byRsa.plaintext()).isEqualTo(plaintext);
            blobs.add(blob);
        }
        assertThat(blobs.get(0).length).isEqualTo(blobs.get(1).length);
        assertThat(encrypt(unpadded, new byte[small], List.of(KEYS.curve().key(), KEYS.rsa().key())).length)
                .isLessThan(encrypt(unpadded, new byte[large], List.of(KEYS.curve().key(), KEYS.rsa().key())).length);
    }

    @Test
    void aMessageAndAReplyArePaddedToo() throws IOException {
        byte[] message = "Meet me at the usual place.".repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] longer = Arrays.copyOf(message, message.length + 3);
        Arrays.fill(longer, message.length, longer.length, (byte) '!');
        assertThat(encrypt(padded, message, List.of(KEYS.curve().key())).length)
                .isEqualTo(encrypt(padded, longer, List.of(KEYS.curve().key())).length);

        ReplyKeys replyKeys = new ReplyKeys();
        SourceSecrets secrets = new SourceSecrets("lookup", SecretBytes.adopt(new byte[32]));
        ReplyPublicKey sourceKey = ReplyPublicKey.fromStored(replyKeys.publicKey(secrets).encoded());
        ReplyEncryptor replies = new ReplyEncryptor(paddedOpenPgp);
        String text = "Thank you. Could you send the second page? ".repeat(30);
        byte[] reply = replies.encrypt(text, sourceKey, List.of(KEYS.curve().key()), DAY);
        assertThat(reply.length)
                .isEqualTo(replies.encrypt(text + "ok", sourceKey, List.of(KEYS.curve().key()), DAY).length);
        assertThat(replyKeys.derivePrivateKeyRisky(secrets).decryptReply(new java.io.ByteArrayInputStream(reply)))
                .isEqualTo(text);
        assertDecryptsExactly(reply, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private byte[] encrypt(SubmissionEncryptor encryptor, byte[] plaintext, List<RecipientKey> to)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream plain = encryptor.encryptingStream(out, to, "f.bin", DAY)) {
            plain.write(plaintext);
        }
        return out.toByteArray();
    }

    private void assertDecryptsExactly(byte[] blob, byte[] plaintext) throws IOException {
        Path file = Files.createTempFile(dir, "blob", ".gpg");
        Files.write(file, blob);
        GnuPG.Decrypted out = KEYS.curve().home().decrypt(file);
        assertThat(out.integrityOk()).as(out.status()).isTrue();
        assertThat(out.plaintext()).isEqualTo(plaintext);
        assertThat(out.status()).doesNotContain("WARNING").doesNotContain("invalid").doesNotContain("NODATA")
                .doesNotContain("unknown packet");
        assertThat(sequoiaDecrypt(file)).isEqualTo(plaintext);
    }

    /** Sequoia's {@code sq}, a second implementation with a strict message grammar. */
    private byte[] sequoiaDecrypt(Path blob) throws IOException {
        Path sq = Prerequisites.program("sq", "sq");
        Path out = Files.createTempFile(dir, "sq", ".out");
        Path err = Files.createTempFile(dir, "sq", ".err");
        Path secretKey = KEYS.curve().home().exportSecretTo(KEYS.curve().fingerprint());
        Process p = new ProcessBuilder(sq.toString(), "decrypt", "--recipient-key", secretKey.toString(),
                blob.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readAllBytes(out);
    }
}
