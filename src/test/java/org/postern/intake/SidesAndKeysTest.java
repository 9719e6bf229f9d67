package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;

/** Before any recipient key exists nothing is accepted; and each port serves only its own side. */
class SidesAndKeysTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void withoutRecipientKeysNothingIsAccepted(PosternTestServer server) {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page landing = browser.get("/");
        assertThat(landing.text()).contains("Submissions are not accepted yet");
        assertThat(landing.document().select("a[href=/generate]")).isEmpty();
        Page generate = browser.get("/generate");
        assertThat(generate.status()).isEqualTo(503);
        assertThat(generate.text()).contains("not accepted yet");
    }

    @Test
    void bothSidesListenOnLoopbackOnly(PosternTestServer server) throws Exception {
        for (int port : new int[] {server.running().sourcePort(), server.running().consolePort()}) {
            assertThat(canConnect("127.0.0.1", port)).isTrue();
            for (var address : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (var inet : java.util.Collections.list(address.getInetAddresses())) {
                    if (!inet.isLoopbackAddress()) {
                        assertThat(canConnect(inet.getHostAddress(), port)).as(inet + ":" + port).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void consoleRoutesAreNotOnTheSourcePort(PosternTestServer server) {
        TestBrowser source = new TestBrowser(server.sourceUrl());
        assertThat(source.get("/console").status()).isEqualTo(404);
        assertThat(source.get("/console-css/console.css").status()).isEqualTo(404);
        assertThat(source.get("/css/source.css").status()).isEqualTo(200);
        for (String staticPath : new String[] {"/review/css/console.css", "/intake/css/source.css"}) {
            assertThat(source.get(staticPath).status()).as(staticPath).isEqualTo(404);
        }
    }

    @Test
    void securityKeyRoutesAreNotOnTheSourcePort(PosternTestServer server) {
        TestBrowser source = new TestBrowser(server.sourceUrl());
        for (String path : new String[] {"/webauthn/register/options", "/webauthn/register",
            "/webauthn/authenticate/options", "/login/webauthn", "/login/webauthn.js", "/login/key",
            "/webauthn/register/AAAA", "/account/security-keys", "/console-js/security-keys.js",
            "/admin/accounts/security-keys"}) {
            var get = source.get(path);
            assertThat(get.status()).as("GET " + path).isEqualTo(404);
            var post = source.request("POST", path, java.util.Map.of("Content-Type", "application/json"), "{}");
            assertThat(post.status()).as("POST " + path).isIn(403, 404, 405);
            assertThat(post.body()).as("POST " + path).doesNotContain("challenge", "publicKey");
        }
    }

    @Test
    void theDataDirIsOwnerOnly(PosternTestServer server) throws Exception {
        for (String dir : new String[] {"", "db", "secrets", "store", "store/incoming"}) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(server.dataDir().resolve(dir)))
                    .as(dir).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(server.dataDir().resolve("secrets/lookup-pepper")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        // Started from a test, as from a shell, under umask 022: the database file is owner-only all the same.
        try (var files = java.nio.file.Files.list(server.dataDir().resolve("db"))) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).toList())
                    .allSatisfy(f -> assertThat(java.nio.file.Files.getPosixFilePermissions(f)).as(f.toString())
                            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Test
    void sourceRoutesAreNotOnTheConsolePort(PosternTestServer server) {
        TestBrowser console = new TestBrowser(server.consoleUrl());
        assertThat(console.get("/login").text()).contains("Code from your authenticator app");
        for (String path : new String[] {"/", "/generate", "/create", "/lookup", "/submit", "/fingerprints",
            "/css/source.css", "/intake/css/source.css", "/review/css/console.css"}) {
            Page page = console.get(path);
            // Unknown to the console: an unauthenticated visitor is sent to the console's own login page.
            assertThat(page.path()).as(path).isEqualTo("/login");
            assertThat(page.body()).as(path).doesNotContain("codename");
        }
    }

    private static boolean canConnect(String host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
