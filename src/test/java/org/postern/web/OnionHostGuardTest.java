package org.postern.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/** Each side answers only to its own onion name or loopback, and never through a Tor2web proxy. */
class OnionHostGuardTest {

    private static final String SOURCE_ONION = "a".repeat(56) + ".onion";
    private static final String CONSOLE_ONION = "b".repeat(56) + ".onion";

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .onions(SOURCE_ONION, CONSOLE_ONION);

    @Test
    void sourceSideAnswersItsOwnOnionAndLoopbackOnly(PosternTestServer server) throws IOException {
        int port = server.running().sourcePort();
        assertThat(status(port, "/", SOURCE_ONION)).isEqualTo(200);
        assertThat(status(port, "/", "localhost:" + port)).isEqualTo(200);
        assertThat(status(port, "/", "127.0.0.1")).isEqualTo(200);
        assertThat(status(port, "/", CONSOLE_ONION)).isEqualTo(421);
        assertThat(status(port, "/", "attacker.example")).isEqualTo(421);
        assertThat(status(port, "/", "127.0.0.1.nip.io")).isEqualTo(421);
    }

    @Test
    void consoleSideAnswersItsOwnOnionOnly(PosternTestServer server) throws IOException {
        int port = server.running().consolePort();
        assertThat(status(port, "/login", CONSOLE_ONION)).isEqualTo(200);
        assertThat(status(port, "/login", SOURCE_ONION)).isEqualTo(421);
    }

    @Test
    void tor2webIsRefusedWithAnExplanation(PosternTestServer server) throws IOException {
        String response = raw(server.running().sourcePort(), "/", SOURCE_ONION, "X-tor2web: encrypted");
        assertThat(response).startsWith("HTTP/1.1 403").contains("Tor2web").contains("Tor Browser")
                .contains("Content-Security-Policy");
    }

    private static int status(int port, String path, String host) throws IOException {
        String response = raw(port, path, host, null);
        return Integer.parseInt(response.substring(9, 12));
    }

    /** A raw request: HTTP clients do not let a caller set the Host header. */
    private static String raw(int port, String path, String host, String extraHeader) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (extraHeader == null ? "" : extraHeader + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
