package org.postern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A v4 ed25519 key with a cv25519 encryption subkey, made by real GnuPG in a throwaway GNUPGHOME under /tmp
 * (short, because gpg-agent's socket path must be). Decryption output stays in memory.
 */
public final class ThrowawayGpgKey implements AutoCloseable {

    private final Path gpg;
    private final Path home;
    private final String fingerprint;

    private ThrowawayGpgKey(Path gpg, Path home, String fingerprint) {
        this.gpg = gpg;
        this.home = home;
        this.fingerprint = fingerprint;
    }

    public static ThrowawayGpgKey create() throws IOException {
        Path gpg = Prerequisites.program("gpg", "gnupg");
        Path home = Files.createTempDirectory(Path.of("/tmp"), "pg-");
        ThrowawayGpgKey partial = new ThrowawayGpgKey(gpg, home, null);
        try {
            partial.run(List.of("--passphrase", "", "--quick-gen-key", "T <t@example.org>", "ed25519", "cert,sign",
                    "0"));
            String fingerprint = null;
            for (String line : partial.run(List.of("--with-colons", "--list-keys")).lines().toList()) {
                if (line.startsWith("fpr:")) {
                    fingerprint = line.split(":")[9];
                    break;
                }
            }
            partial.run(List.of("--passphrase", "", "--quick-add-key", fingerprint, "cv25519", "encr", "0"));
            return new ThrowawayGpgKey(gpg, home, fingerprint);
        } catch (IOException | RuntimeException e) {
            partial.close();
            throw e;
        }
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Writes the ASCII-armored public key into {@code dir} and returns the file. */
    public Path exportPublicKey(Path dir) throws IOException {
        Path file = dir.resolve("recipient.asc");
        Files.writeString(file, run(List.of("--armor", "--export", fingerprint)), StandardCharsets.US_ASCII);
        return file;
    }

    /** Decrypts with gpg, which also checks the integrity packet; the plaintext is returned, never written. */
    public byte[] decrypt(Path ciphertext) throws IOException {
        return runBytes(List.of("--decrypt", ciphertext.toString()));
    }

    private String run(List<String> args) throws IOException {
        return new String(runBytes(args), StandardCharsets.UTF_8);
    }

    private byte[] runBytes(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(gpg.toString(), "--homedir", home.toString(), "--batch",
                "--quiet", "--no-tty", "--pinentry-mode", "loopback"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        try (InputStream errors = p.getErrorStream()) {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readQuietly(errors));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("gpg " + args.get(args.size() - 1) + " failed: "
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Stops this home's gpg-agent and deletes the home. */
    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10,
                    TimeUnit.SECONDS);
        } catch (IOException e) {
            // No gpgconf, or no agent: nothing to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A leftover socket in /tmp is harmless.
        }
    }
}
