package org.postern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/tor/postern-tor-sync, which runs as root on a server: it must copy only well-formed device keys from
 * Postern's staging directory, drop revoked ones, never leave tor's directory empty, and reload tor only on change.
 */
class TorSyncScriptTest {

    private static final Path SCRIPT = Path.of("deploy", "tor", "postern-tor-sync");
    private static final String KEY_A = "descriptor:x25519:" + "A".repeat(52);
    private static final String KEY_B = "descriptor:x25519:" + "B".repeat(52);

    @TempDir
    Path tmp;

    Path stage;
    Path torAuth;
    Path reloads;

    @BeforeEach
    void setUp() throws IOException {
        stage = Files.createDirectories(tmp.resolve("postern/tor/authorized_clients"));
        torAuth = tmp.resolve("tor/postern-console/authorized_clients");
        Files.createDirectories(tmp.resolve("tor/postern-source"));
        Files.writeString(tmp.resolve("tor/postern-source/hostname"), "s".repeat(56) + ".onion\n");
        reloads = tmp.resolve("reloads");
        // The script reads the staging directory as Postern's user; here "nobody" stands in for it.
        for (Path dir : List.of(tmp, tmp.resolve("postern"), tmp.resolve("postern/tor"), stage)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** What root may read but Postern's user may not never reaches tor, however it got into the directory. */
    @Test
    void readsTheStagingDirectoryAsPosternsUserOnly() throws Exception {
        Files.writeString(stage.resolve("laptop.auth"), KEY_A + "\n");
        // A key file Postern's user cannot read: a root-owned file put in its place (as a swapped-in hard link
        // or a file root wrote for another purpose would be). Only a read with root's rights gets it.
        Path rootOnly = Files.writeString(stage.resolve("phone.auth"), KEY_B + "\n");
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rw-------"));
        Path secret = Files.writeString(tmp.resolve("root-secret"), KEY_B + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(stage.resolve("tablet.auth"), secret);

        assertThat(run()).isZero();
        assertThat(names(torAuth)).containsExactlyInAnyOrder("laptop.auth", "_sync-lock.auth");
    }

    /** A FIFO waits forever for a writer: the read gives up in bounded time and the other devices still sync. */
    @Test
    void aFifoDoesNotHangTheSync() throws Exception {
        Files.writeString(stage.resolve("laptop.auth"), KEY_A + "\n");
        Process mkfifo = new ProcessBuilder("mkfifo", stage.resolve("phone.auth").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

        long started = System.nanoTime();
        assertThat(run()).isZero();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(25));
        assertThat(names(torAuth)).containsExactlyInAnyOrder("laptop.auth", "_sync-lock.auth");
    }

    @Test
    void copiesValidDevicesDropsRevokedOnesAndReloadsOnlyOnChange() throws Exception {
        Files.writeString(stage.resolve("laptop.auth"), KEY_A + "\n");
        Files.writeString(stage.resolve("phone.auth"), KEY_B + "\n");
        Files.writeString(stage.resolve("_postern-lock.auth"), KEY_B + "\n");
        Files.writeString(stage.resolve("Bad_Name.auth"), KEY_A + "\n");
        Files.writeString(stage.resolve("junk.auth"), "descriptor:x25519:not-a-key\n");
        Files.createSymbolicLink(stage.resolve("link.auth"), stage.resolve("laptop.auth"));

        assertThat(run()).isZero();
        assertThat(names(torAuth)).containsExactlyInAnyOrder("laptop.auth", "phone.auth", "_sync-lock.auth");
        assertThat(Files.readString(torAuth.resolve("laptop.auth"))).isEqualTo(KEY_A + "\n");
        assertThat(Files.readString(torAuth.resolve("_sync-lock.auth"))).matches("descriptor:x25519:[A-Z2-7]{52}\n");
        assertThat(Files.getPosixFilePermissions(torAuth)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(torAuth.resolve("phone.auth")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(tmp.resolve("onion/source-hostname"))).startsWith("sss");
        assertThat(reloadCount()).isEqualTo(1);

        assertThat(run()).isZero();
        assertThat(reloadCount()).as("nothing changed").isEqualTo(1);

        Files.delete(stage.resolve("phone.auth"));
        assertThat(run()).isZero();
        assertThat(names(torAuth)).containsExactlyInAnyOrder("laptop.auth", "_sync-lock.auth");
        assertThat(reloadCount()).isEqualTo(2);

        Files.delete(stage.resolve("laptop.auth"));
        assertThat(run()).isZero();
        assertThat(names(torAuth)).as("the lock key keeps the console closed").containsExactly("_sync-lock.auth");
    }

    private int run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("POSTERN_AUTH_STAGE", stage.toString());
        env.put("TOR_CONSOLE_DIR", tmp.resolve("tor/postern-console").toString());
        env.put("TOR_SOURCE_DIR", tmp.resolve("tor/postern-source").toString());
        env.put("POSTERN_ONION_DIR", tmp.resolve("onion").toString());
        env.put("TOR_USER", "");
        env.put("POSTERN_GROUP", "");
        env.put("POSTERN_USER", "nobody");
        env.put("TOR_RELOAD", "echo >> '" + reloads + "'");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).doesNotContain("AAAA");
        return p.exitValue();
    }

    private long reloadCount() throws IOException {
        return Files.exists(reloads) ? Files.readAllLines(reloads).size() : 0;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
