package org.postern.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.testing.GnuPG;

/**
 * deploy/release/verify-jar's signature check, with real gpg: a jar signed by the named key passes; the same
 * signature over a changed jar, or a good signature by another key, fails.
 */
class ReleaseVerificationTest {

    @Test
    void aSignedJarVerifiesOnlyWithItsKeyAndOnlyUnchanged(@TempDir Path dir) throws Exception {
        try (GnuPG gpg = GnuPG.create()) {
            String release = gpg.generateCurve25519("Postern release <release@example.org>");
            String other = gpg.generateCurve25519("Someone else <other@example.org>");
            Path jar = dir.resolve("postern.jar");
            Files.write(jar, "pretend jar".getBytes(StandardCharsets.UTF_8));
            Path sig = sign(gpg, release, jar);

            Result good = verify(gpg, jar, sig, release);
            assertThat(good.exit()).as(good.output()).isZero();
            assertThat(good.output()).contains("Good signature by " + release, "SHA-256 ");
            // Fingerprints are accepted as people type them.
            assertThat(verify(gpg, jar, sig, "0x" + release.toLowerCase()).exit()).isZero();

            assertThat(verify(gpg, jar, sig, other).exit()).isEqualTo(1);
            Files.write(jar, "tampered jar".getBytes(StandardCharsets.UTF_8));
            Result tampered = verify(gpg, jar, sig, release);
            assertThat(tampered.exit()).isEqualTo(1);
            assertThat(tampered.output()).contains("NOT verified");
        }
    }

    private static Path sign(GnuPG gpg, String key, Path jar) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gpg", "--homedir", gpg.home().toString(), "--batch", "--yes",
                "--local-user", key, "--armor", "--detach-sign", jar.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return Path.of(jar + ".asc");
    }

    record Result(int exit, String output) {
    }

    private static Result verify(GnuPG gpg, Path jar, Path sig, String fingerprint) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("deploy/release/verify-jar", "signature", jar.toString(),
                sig.toString(), fingerprint)).redirectErrorStream(true);
        pb.environment().put("GNUPGHOME", gpg.home().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
