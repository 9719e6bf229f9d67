package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.crypto.internal.Encryptors;
import org.postern.crypto.internal.OpenPgpStreamEncryptor;
import org.postern.crypto.internal.TestHelpers;
import org.postern.testing.GnuPG;

/** What Postern encrypts, the real GnuPG decrypts: every recipient on its own, integrity checked. */
class OpenPgpInteropTest {

    @RegisterExtension
    static final TwoRecipients KEYS = new TwoRecipients(4096);

    private final OpenPgpStreamEncryptor openPgp = Encryptors.padded(TestHelpers.POOL);
    private final SubmissionEncryptor encryptor = new OpenPgpSubmissionEncryptor(openPgp);

    @TempDir
    Path dir;

    @Test
    void eachRecipientDecryptsTheSameMessageWithIntegrityAndTheFileName() throws IOException {
        byte[] plaintext = new byte[3 * 1024 * 1024 + 17];
        new SecureRandom().nextBytes(plaintext);
        Path blob = dir.resolve("blob");
        try (OutputStream file = Files.newOutputStream(blob);
                OutputStream plain = encryptor.encryptingStream(file, List.of(KEYS.curve().key(), KEYS.rsa().key()),
                        "report ü.pdf", LocalDate.of(2026, 11, 27))) {
            plain.write(plaintext);
        }
        for (GnuPG home : List.of(KEYS.curve().home(), KEYS.rsa().home())) {
            GnuPG.Decrypted out = home.decrypt(blob);
            assertThat(out.integrityOk()).as(out.status()).isTrue();
            assertThat(out.plaintext()).isEqualTo(plaintext);
            assertThat(out.fileName()).isEqualTo("report ü.pdf");
            // SEIPD v1 (DECRYPTION_INFO mdc=2), AES-256 (9), uncompressed (0): what GnuPG 2.2 reads.
            assertThat(out.status()).contains("[GNUPG:] DECRYPTION_INFO 2 9 0");
        }
    }

    @Test
    void fileNamesLoseDirectoriesAndControlCharacters() throws IOException {
        Path blob = dir.resolve("named");
        try (OutputStream file = Files.newOutputStream(blob);
                OutputStream plain = encryptor.encryptingStream(file, List.of(KEYS.curve().key()),
                        "../../etc/evil\u202Efdp.exe\u0000", LocalDate.of(2026, 1, 1))) {
            plain.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(KEYS.curve().home().decrypt(blob).fileName()).isEqualTo("evil_fdp.exe_");
    }

    @Test
    void replyOpensForTheSourceAndForEachInvestigator() throws IOException {
        ReplyKeys replyKeys = new ReplyKeys();
        SourceSecrets secrets = new SourceSecrets("lookup", SecretBytes.adopt(new byte[32]));
        ReplyPublicKey sourceKey = ReplyPublicKey.fromStored(replyKeys.publicKey(secrets).encoded());
        byte[] reply = new ReplyEncryptor(openPgp).encrypt("Thank you. Can you send page 2?", sourceKey,
                List.of(KEYS.curve().key(), KEYS.rsa().key()), LocalDate.of(2026, 11, 27));

        SourceReplyKey privateKey = replyKeys.derivePrivateKeyRisky(secrets);
        assertThat(privateKey.decryptReply(new ByteArrayInputStream(reply))).isEqualTo("Thank you. Can you send page 2?");
        assertThat(privateKey.toString()).doesNotContain("Thank").contains("REDACTED");

        Path blob = dir.resolve("reply");
        Files.write(blob, reply);
        assertThat(KEYS.curve().home().decrypt(blob).text()).isEqualTo("Thank you. Can you send page 2?");
        assertThat(KEYS.rsa().home().decrypt(blob).text()).isEqualTo("Thank you. Can you send page 2?");
    }

    @Test
    void aDifferentSourceCannotOpenTheReply() throws IOException {
        ReplyKeys replyKeys = new ReplyKeys();
        byte[] seedA = new byte[32];
        byte[] seedB = new byte[32];
        seedB[5] = 1;
        SourceSecrets a = new SourceSecrets("a", SecretBytes.adopt(seedA));
        SourceSecrets b = new SourceSecrets("b", SecretBytes.adopt(seedB));
        byte[] reply = new ReplyEncryptor(openPgp).encrypt("for a only", replyKeys.publicKey(a),
                List.of(KEYS.curve().key()), LocalDate.of(2026, 11, 27));
        SourceReplyKey keyB = replyKeys.derivePrivateKeyRisky(b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keyB.decryptReply(new ByteArrayInputStream(reply)))
                .isInstanceOf(IOException.class).hasMessageContaining("not addressed");
    }

    @Test
    void replyKeysRoundTripForSeedsWithZeroBytesAtEitherEnd() throws IOException {
        ReplyKeys replyKeys = new ReplyKeys();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 40; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            seed[0] = i % 2 == 0 ? 0 : seed[0];
            seed[31] = i % 3 == 0 ? 0 : seed[31];
            byte[] copy = seed.clone();
            ReplyPublicKey pub = replyKeys.publicKey(new SourceSecrets("x", SecretBytes.adopt(seed)));
            byte[] reply = new ReplyEncryptor(openPgp).encrypt("r" + i, pub, List.of(KEYS.curve().key()),
                    LocalDate.of(2026, 1, 1));
            SourceReplyKey key = replyKeys.derivePrivateKeyRisky(new SourceSecrets("x", SecretBytes.adopt(copy)));
            assertThat(key.decryptReply(new ByteArrayInputStream(reply))).isEqualTo("r" + i);
        }
    }
}
