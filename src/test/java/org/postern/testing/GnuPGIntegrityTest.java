package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one decryption helper every test uses refuses a message gpg could not verify: a flipped byte in the
 * modification detection code leaves the plaintext looking right, and must still fail.
 */
class GnuPGIntegrityTest {

    private static final byte[] TEXT = "integrity or nothing".getBytes(StandardCharsets.UTF_8);
    private static GnuPG gpg;
    private static String fpr;

    @TempDir
    static Path dir;

    @BeforeAll
    static void key() {
        gpg = GnuPG.create();
        fpr = gpg.generateCurve25519("Integrity <integrity@example.org>");
    }

    @AfterAll
    static void close() {
        gpg.close();
    }

    @Test
    void anIntactMessageDecrypts() {
        Path message = gpg.encryptTo(fpr, TEXT, dir.resolve("intact.gpg"));
        assertThat(gpg.decrypt(message).plaintext()).isEqualTo(TEXT);
        assertThat(gpg.decryptToDigest(message).length()).isEqualTo(TEXT.length);
    }

    @Test
    void aMessageWithABrokenMdcIsRefusedEvenThoughItsTextComesOut() throws IOException {
        Path message = gpg.encryptTo(fpr, TEXT, dir.resolve("tampered.gpg"));
        byte[] bytes = Files.readAllBytes(message);
        // The last bytes of an uncompressed SEIPD v1 message are the MDC's SHA-1.
        bytes[bytes.length - 1] ^= 0x01;
        Path tampered = Files.write(dir.resolve("tampered-mdc.gpg"), bytes);
        assertThatThrownBy(() -> gpg.decrypt(tampered)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("integrity");
        assertThatThrownBy(() -> gpg.decryptToDigest(tampered)).isInstanceOf(AssertionError.class);
    }
}
