package org.postern.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * The real {@code gpg} binary in a throwaway home directory: investigators' keys are made by it, and what
 * Postern writes is decrypted by it. The home lives under /tmp (gpg-agent's socket path must stay short),
 * outside the directories the no-plaintext scans read.
 */
public final class GnuPG implements AutoCloseable {

    private final Path home;

    private GnuPG(Path home) {
        this.home = home;
    }

    public static GnuPG create() {
        try {
            Path home = Files.createTempDirectory(Path.of("/tmp"), "pgpg");
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return new GnuPG(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** ed25519 primary (certify, sign) with a cv25519 encryption subkey: what gpg makes by default. */
    public String generateCurve25519(String uid) {
        String fpr = quickGenerate(uid, "ed25519", "cert,sign", "0");
        run("--quick-add-key", fpr, "cv25519", "encr", "0");
        return fpr;
    }

    /** RSA primary (certify, sign) of {@code bits}, with an RSA encryption subkey of the same size. */
    public String generateRsa(String uid, int bits) {
        String fpr = quickGenerate(uid, "rsa" + bits, "cert,sign", "0");
        run("--quick-add-key", fpr, "rsa" + bits, "encr", "0");
        return fpr;
    }

    /**
     * A Curve25519 key whose primary key and encryption subkey both expire {@code days} from now: gpg's own
     * {@code --quick-gen-key ... 20d}, for expiry warnings.
     */
    public String generateExpiringIn(String uid, int days) {
        String fpr = quickGenerate(uid, "ed25519", "cert,sign", days + "d");
        run("--quick-add-key", fpr, "cv25519", "encr", days + "d");
        return fpr;
    }

    /** A Curve25519 key whose primary key and encryption subkey both expire {@code seconds} from now. */
    public String generateExpiringInSeconds(String uid, int seconds) {
        String fpr = quickGenerate(uid, "ed25519", "cert,sign", "seconds=" + seconds);
        run("--quick-add-key", fpr, "cv25519", "encr", "seconds=" + seconds);
        return fpr;
    }

    /** A primary key that never expires with an encryption subkey that expires {@code days} from now. */
    public String generateSubkeyExpiringIn(String uid, int days) {
        String fpr = quickGenerate(uid, "ed25519", "cert,sign", "0");
        run("--quick-add-key", fpr, "cv25519", "encr", days + "d");
        return fpr;
    }

    /** A key that can only sign: no encryption subkey at all. */
    public String generateSignOnly(String uid) {
        return quickGenerate(uid, "ed25519", "cert,sign", "0");
    }

    /** A Curve25519 key made in 2020 that expired a day later. */
    public String generateExpired(String uid) {
        String fpr = quickGenerate(uid, "ed25519", "cert,sign", "1d", "--faked-system-time", "20200101T000000");
        // A minute later: gpg's faked clock runs on, so the primary may be stamped a second after the start, and a
        // subkey dated before its primary is refused ("Time conflict").
        run("--faked-system-time", "20200101T000100", "--quick-add-key", fpr, "cv25519", "encr", "1d");
        return fpr;
    }

    public String revoke(String fpr) {
        // gpg writes a revocation certificate at key creation; importing it revokes the key.
        Path cert = home.resolve("openpgp-revocs.d").resolve(fpr + ".rev");
        try {
            String text = Files.readString(cert).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----",
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----");
            Path fixed = home.resolve(fpr + ".rev.asc");
            Files.writeString(fixed, text);
            run("--import", fixed.toString());
            return fpr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A key protected by a passphrase, as an investigator keeps it: {@code algo} is the primary's ("ed25519"
     * gets a cv25519 encryption subkey, "rsa4096" an RSA-4096 one).
     */
    public String generateProtected(String uid, String algo, String passphrase) {
        String fpr = quickGenerate(uid, algo, "cert,sign", "0", "--passphrase", passphrase);
        run("--passphrase", passphrase, "--quick-add-key", fpr, algo.equals("ed25519") ? "cv25519" : algo, "encr",
                "0");
        return fpr;
    }

    /** The secret key, armored, still protected by its passphrase. */
    public String exportSecretArmored(String fpr, String passphrase) {
        return new String(run("--passphrase", passphrase, "--armor", "--export-secret-keys", fpr).stdout,
                StandardCharsets.US_ASCII);
    }

    /** Decrypts with a passphrase-protected key. */
    public Decrypted decrypt(Path message, String passphrase) {
        Result r = run("--passphrase", passphrase, "--status-fd", "2", "--decrypt", message.toString());
        return requireIntegrity(message, Decrypted.parse(r.stdout, r.stderr));
    }

    /** gpg's own binary message of {@code plaintext} to one key. */
    public byte[] encryptTo(String fpr, byte[] plaintext) {
        try {
            Path in = Files.createTempFile(home, "plain", ".bin");
            Files.write(in, plaintext);
            byte[] out = run("--trust-model", "always", "--recipient", fpr, "--output", "-", "--encrypt",
                    in.toString()).stdout;
            Files.delete(in);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String exportArmored(String fpr) {
        return new String(run("--armor", "--export", fpr).stdout, StandardCharsets.US_ASCII);
    }

    public Path exportArmoredTo(String fpr, Path dir) {
        try {
            Path file = dir.resolve(fpr + ".asc");
            Files.writeString(file, exportArmored(fpr), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The secret key, unprotected, in a file of this home: for a second OpenPGP implementation to decrypt with. */
    public Path exportSecretTo(String fpr) {
        try {
            Path file = home.resolve(fpr + ".secret.asc");
            Files.write(file, run("--armor", "--export-secret-keys", fpr).stdout);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decrypts with gpg, keeping the plaintext in memory; for messages and small files. Fails unless gpg checked
     * the message's integrity (GOODMDC and DECRYPTION_OKAY): gpg streams plaintext out before it reaches the
     * MDC, so text that looks right proves nothing by itself.
     */
    public Decrypted decrypt(Path message) {
        Result r = run("--status-fd", "2", "--decrypt", message.toString());
        return requireIntegrity(message, Decrypted.parse(r.stdout, r.stderr));
    }

    /** Whether this home's keys open the message: only a full decryption with its integrity checked counts. */
    public boolean canDecrypt(Path message) {
        Result r = run("--status-fd", "2", "--decrypt", message.toString());
        return Decrypted.parse(r.stdout, r.stderr).integrityOk();
    }

    private static Decrypted requireIntegrity(Path message, Decrypted d) {
        if (!d.integrityOk()) {
            throw new AssertionError("gpg did not confirm the integrity of " + message + ":\n" + d.status());
        }
        return d;
    }

    /** Encrypts to one key with gpg itself; for checks of the decryption helpers. */
    public Path encryptTo(String fpr, byte[] plaintext, Path out) {
        try {
            Path in = Files.createTempFile(home, "plain", ".txt");
            Files.write(in, plaintext);
            run("--trust-model", "always", "--recipient", fpr, "--output", out.toString(), "--encrypt", in.toString());
            Files.delete(in);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decrypts a large file, hashing the plaintext as it streams out of gpg; fails as {@link #decrypt} does. */
    public DecryptedDigest decryptToDigest(Path message) {
        List<String> command = command("--status-fd", "2", "--decrypt", message.toString());
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long length = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream out = p.getInputStream()) {
                for (int n; (n = out.read(buffer)) > 0;) {
                    sha.update(buffer, 0, n);
                    length += n;
                }
            }
            waitFor(p, command);
            Decrypted meta = requireIntegrity(message, Decrypted.parse(new byte[0], err.join()));
            return new DecryptedDigest(HexFormat.of().formatHex(sha.digest()), length, meta.fileName(),
                    meta.integrityOk(), meta.status());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Decrypted(byte[] plaintext, String fileName, boolean integrityOk, String status) {
        static Decrypted parse(byte[] plaintext, byte[] stderr) {
            String status = new String(stderr, StandardCharsets.UTF_8);
            String name = null;
            for (String line : status.split("\n")) {
                if (line.startsWith("[GNUPG:] PLAINTEXT ")) {
                    String[] f = line.split(" ", 5);
                    name = f.length > 4 ? percentDecode(f[4].strip()) : "";
                }
            }
            boolean ok = status.contains("[GNUPG:] GOODMDC") && status.contains("[GNUPG:] DECRYPTION_OKAY")
                    && !status.contains("[GNUPG:] BADMDC") && !status.contains("[GNUPG:] DECRYPTION_FAILED");
            return new Decrypted(plaintext, name, ok, status);
        }

        public String text() {
            return new String(plaintext, StandardCharsets.UTF_8);
        }
    }

    public record DecryptedDigest(String sha256, long length, String fileName, boolean integrityOk, String status) {
    }

    private String quickGenerate(String uid, String algo, String usage, String expire, String... extra) {
        List<String> args = new ArrayList<>(Arrays.asList(extra));
        args.addAll(List.of("--quick-gen-key", uid, algo, usage, expire));
        run(args.toArray(String[]::new));
        Result r = run("--with-colons", "--list-keys", uid);
        // Several keys may share a user id; the one just made is listed last.
        String newest = null;
        boolean afterPrimary = false;
        for (String line : new String(r.stdout, StandardCharsets.UTF_8).split("\n")) {
            if (afterPrimary && line.startsWith("fpr:")) {
                newest = line.split(":")[9];
            }
            afterPrimary = line.startsWith("pub:");
        }
        if (newest == null) {
            throw new IllegalStateException("gpg made no key for " + uid);
        }
        return newest;
    }

    private record Result(byte[] stdout, byte[] stderr) {
    }

    private Result run(String... args) {
        List<String> command = command(args);
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            int code = waitFor(p, command);
            byte[] errBytes = err.join();
            if (code != 0 && !Arrays.asList(args).contains("--decrypt")) {
                throw new IllegalStateException("gpg failed (" + code + "): " + String.join(" ", command) + "\n"
                        + new String(errBytes, StandardCharsets.UTF_8));
            }
            return new Result(out, errBytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run gpg: is GnuPG installed? (apt-get install gnupg)", e);
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--no-tty", "--pinentry-mode",
                "loopback", "--passphrase", "", "--homedir", home.toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static int waitFor(Process p, List<String> command) {
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("gpg timed out: " + command);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String percentDecode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // Best effort: the agent exits by itself once its socket is gone.
        }
        FileSystemUtils.deleteRecursively(home.toFile());
    }
}
