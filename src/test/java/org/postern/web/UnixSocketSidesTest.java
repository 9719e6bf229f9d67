package org.postern.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postern.PosternApplication;
import org.postern.RunningPostern;

/**
 * Both sides on Unix domain sockets, as deploy/ runs them: each socket serves only its own side, and only its
 * owner and group can connect. The directory is set-group-ID to a stand-in for tor's group, as the systemd unit
 * makes it, so the sockets take that group. The refusals are real: curl runs as {@code nobody}, through setpriv,
 * which needs root (the test runs as root in CI and on the build machines).
 */
class UnixSocketSidesTest {

    /** Stands in for tor's group ("debian-tor" on Debian). */
    private static final String TOR_GROUP = "nogroup";
    private static final String OTHER_GROUP = "users";

    private static Path base;
    private static Path dir;
    private static Path sourceSocket;
    private static Path consoleSocket;
    private static RunningPostern postern;

    @BeforeAll
    static void start() throws IOException {
        assertThat(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                .as("setpriv needs root to run curl as another user").asString(StandardCharsets.US_ASCII)
                .isEqualToIgnoringWhitespace("0");
        // Under /tmp: a socket path must stay under 108 bytes. Traversable by anyone, so that only the mode and
        // group of each socket decide who may connect.
        base = Files.createTempDirectory(Path.of("/tmp"), "pus-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        dir = Files.createDirectory(base.resolve("run"));
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setGroup(group(TOR_GROUP));
        // rwxr-s--x: set-group-ID, so the sockets created here belong to tor's group.
        run(List.of("chmod", "2751", dir.toString()));
        sourceSocket = dir.resolve("source.sock");
        consoleSocket = dir.resolve("console.sock");
        postern = PosternApplication.start("--postern.data-dir=" + base.resolve("data"),
                "--postern.source.port=0", "--postern.console.port=0",
                "--postern.source.unix-socket=" + sourceSocket, "--postern.console.unix-socket=" + consoleSocket);
    }

    @AfterAll
    static void stop() throws IOException {
        if (postern != null) {
            postern.close();
        }
        if (base != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(base);
        }
    }

    @Test
    void eachSocketIsOwnerAndGroupOnlyInTorsGroup() throws IOException {
        for (Path socket : List.of(sourceSocket, consoleSocket)) {
            assertThat(Files.readAttributes(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode"))
                    .as(socket + " is a socket, rw-rw----").isEqualTo(0140660);
            assertThat(Files.getFileAttributeView(socket, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().group()).isEqualTo(group(TOR_GROUP));
        }
    }

    @Test
    void eachSocketServesOnlyItsOwnSide() throws Exception {
        assertThat(curl(List.of(), sourceSocket, "/").status()).isEqualTo(200);
        assertThat(curl(List.of(), sourceSocket, "/css/source.css").status()).isEqualTo(200);
        assertThat(curl(List.of(), sourceSocket, "/login").status()).isEqualTo(200);
        assertThat(curl(List.of(), sourceSocket, "/console-css/console.css").status()).isEqualTo(404);
        assertThat(curl(List.of(), sourceSocket, "/console").status()).isEqualTo(404);
        Curl consoleLogin = curl(List.of(), consoleSocket, "/login");
        assertThat(consoleLogin.status()).isEqualTo(200);
        assertThat(consoleLogin.body()).contains("password");
        assertThat(curl(List.of(), consoleSocket, "/console-css/console.css").status()).isEqualTo(200);
        assertThat(curl(List.of(), consoleSocket, "/css/source.css").status()).as("not served: to the login").isEqualTo(302);
        // Unknown on the console, so it sends to its login, like any other path it does not serve.
        Curl generate = curl(List.of(), consoleSocket, "/generate");
        assertThat(generate.status()).isEqualTo(302);
        assertThat(generate.body()).doesNotContain("codename");
    }

    @Test
    void anotherUserCannotConnectButTorsGroupCan() throws Exception {
        for (Path socket : List.of(sourceSocket, consoleSocket)) {
            Curl stranger = curl(asNobody(OTHER_GROUP), socket, "/");
            assertThat(stranger.exit()).as("nobody:users on " + socket + ": " + stranger).isEqualTo(7);
            assertThat(stranger.status()).isZero();
            Curl tor = curl(asNobody(TOR_GROUP), socket, socket == consoleSocket ? "/login" : "/");
            assertThat(tor.exit()).as("nobody:" + TOR_GROUP + " on " + socket + ": " + tor).isZero();
            assertThat(tor.status()).isEqualTo(200);
        }
    }

    @Test
    void noSideListensOnATcpPort() {
        assertThat(postern.sourcePort()).isLessThanOrEqualTo(0);
        assertThat(postern.consolePort()).isLessThanOrEqualTo(0);
    }

    @Test
    void aStaleSocketIsReplacedButALiveOneOrAFileIsNot() throws IOException {
        Path stale = dir.resolve("stale.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(stale));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnixSockets.clearStale(stale))
                    .hasMessageContaining("another process listens");
        }
        // Closed without unlinking, as a killed process leaves it.
        assertThat(Files.exists(stale, LinkOption.NOFOLLOW_LINKS)).isTrue();
        UnixSockets.clearStale(stale);
        assertThat(Files.exists(stale, LinkOption.NOFOLLOW_LINKS)).isFalse();
        Path file = Files.writeString(dir.resolve("file.sock"), "not a socket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnixSockets.clearStale(file))
                .hasMessageContaining("something other than a socket");
        assertThat(file).hasContent("not a socket");
    }

    private static List<String> asNobody(String group) {
        return List.of("setpriv", "--reuid=nobody", "--regid=" + group, "--clear-groups", "--");
    }

    private static GroupPrincipal group(String name) throws IOException {
        return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    }

    record Curl(int exit, int status, String body, String error) {
    }

    private static Curl curl(List<String> prefix, Path socket, String path) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("curl", "-sS", "--max-time", "20", "--unix-socket", socket.toString(), "-o", "-",
                "-w", "\n%{http_code}", "http://localhost" + path));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf('\n');
        int status = cut >= 0 ? Integer.parseInt(text.substring(cut + 1).trim()) : 0;
        return new Curl(p.exitValue(), status, cut >= 0 ? text.substring(0, cut) : text, err);
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(command.toString()).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
