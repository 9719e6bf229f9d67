package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.postern.testing.Chromium;
import org.postern.testing.ChromiumSource;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoreFiles;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Navigation accidents that must not hurt a frightened source, in a real Chromium with JavaScript off and over
 * real HTTP: reloading or going Back and Forward never sends an upload twice, Back to the codename page never
 * makes a second source, and a form sent after the session ended gets a calm page and keeps nothing.
 */
@Tag("browser")
class SourceAccidentsTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    private static long count(PosternTestServer server, String table) {
        return server.bean(JdbcClient.class).sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void reloadAndBackForwardAfterAnUploadLeaveExactlyOneSubmission(PosternTestServer server) throws Exception {
        String canary = "ONCE-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        Path upload = Files.createTempDirectory(Path.of("/tmp"), "accidents-upload").resolve("one.txt");
        Files.writeString(upload, "x".repeat(2_000_000) + canary);
        long before = count(server, "submission");
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            ChromiumSource.newSource(web, server.sourceUrl() + "/");
            assertThat(web.findElements(By.cssSelector("section.replies")))
                    .as("no empty Replies section on a first visit").isEmpty();
            assertThat(web.findElement(By.id("keep-open")).getText()).contains("Keep this tab open");
            web.findElement(By.id("message")).sendKeys("only once " + canary);
            web.findElement(By.id("files")).sendKeys(upload.toString());
            Chromium.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype='multipart/form-data'] "
                    + "button[type=submit]")));
            assertThat(Chromium.await(web, By.id("receipt")).getText()).contains("1 message and 1 file");
            assertThat(web.getCurrentUrl()).endsWith("/lookup").doesNotContain("_csrf").doesNotContain("token");
            assertThat(count(server, "submission")).isEqualTo(before + 2);

            web.navigate().refresh();
            Chromium.await(web, By.id("message"));
            assertThat(web.findElements(By.id("receipt"))).as("the notice shows once").isEmpty();
            web.navigate().back();
            Chromium.await(web, By.tagName("h1"));
            web.navigate().forward();
            Chromium.await(web, By.tagName("h1"));
            web.navigate().refresh();
            Chromium.await(web, By.tagName("h1"));
            assertThat(web.getCurrentUrl()).doesNotContain("_csrf");
        } finally {
            FileSystemUtils.deleteRecursively(upload.getParent().toFile());
        }
        assertThat(count(server, "submission")).as("reload, Back and Forward sent nothing again").isEqualTo(before + 2);
    }

    @Test
    void theSameFormSentTwiceKeepsNothingTheSecondTime(PosternTestServer server) {
        SourceVisit visit = SourceVisit.newSource(server);
        TestBrowser browser = visit.browser();
        Page lookup = visit.lookup();
        String action = TestBrowser.uploadAction(lookup);
        assertThat(action).startsWith("/submit?_csrf=").contains("&token=");

        Page empty = browser.submit(lookup, "", List.of());
        assertThat(empty.status()).as("a refused upload does not spend the form").isEqualTo(400);
        long before = count(server, "submission");
        int blobs = StoreFiles.blobs(server.storeDir()).size();
        Page first = browser.submit(lookup, "the first time", List.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.path()).isEqualTo("/lookup");
        assertThat(first.document().getElementById("receipt").text()).contains("1 message and 0 files");
        assertThat(browser.history().get(browser.history().size() - 1).path()).doesNotContain("_csrf");

        Page again = browser.submit(lookup, "the same form again", List.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.document().getElementById("already-received").text()).contains("already arrived");
        assertThat(count(server, "submission")).isEqualTo(before + 1);
        assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobs + 1);

        Page fresh = browser.get("/lookup");
        assertThat(browser.submit(fresh, "a new form", List.of()).status()).isEqualTo(200);
        assertThat(count(server, "submission")).isEqualTo(before + 2);

        String forged = action.replaceAll("token=[0-9a-f]+", "token=" + "0".repeat(32));
        Page unknown = browser.submit(new Page("/lookup", 200, lookup.headers(),
                "<form enctype=\"multipart/form-data\" action=\"" + forged + "\"></form>"), "forged", List.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(count(server, "submission")).isEqualTo(before + 2);
    }

    @Test
    void backToTheCodenamePageWhileLoggedInMakesNoSecondSource(PosternTestServer server) {
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            ChromiumSource.newSource(web, server.sourceUrl() + "/");
            long sources = count(server, "source");
            web.navigate().back();
            assertThat(Chromium.await(web, By.id("already-logged-in")).getText()).contains("log out first");
            assertThat(web.findElements(By.id("codename"))).as("no new codename is shown").isEmpty();
            assertThat(web.getCurrentUrl()).endsWith("/lookup");
            web.get(server.sourceUrl() + "/generate");
            Chromium.await(web, By.id("already-logged-in"));
            assertThat(count(server, "source")).isEqualTo(sources);
        }
        SourceVisit visit = SourceVisit.newSource(server);
        long sources = count(server, "source");
        Page second = visit.browser().post("/create", Map.of("_csrf", visit.lookup().csrfToken()));
        assertThat(second.path()).isEqualTo("/lookup");
        assertThat(second.document().getElementById("already-logged-in")).isNotNull();
        assertThat(count(server, "source")).isEqualTo(sources);
    }

    @Test
    void aFormSentAfterARestartGetsTheCalmPageAndKeepsNothing(PosternTestServer server) throws Exception {
        try (Forwarder forwarder = new Forwarder(() -> server.running().sourcePort());
                Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            String base = "http://127.0.0.1:" + forwarder.port();
            ChromiumSource.newSource(web, base + "/");
            web.findElement(By.id("message")).sendKeys("written before the restart");
            long submissions = count(server, "submission");
            int blobs = StoreFiles.blobs(server.storeDir()).size();
            server.stop();
            server.start();
            Chromium.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype='multipart/form-data'] "
                    + "button[type=submit]")));
            String calm = Chromium.await(web, By.id("session-ended")).getText();
            assertThat(calm).contains("Nothing from that page was sent");
            assertThat(web.getPageSource()).doesNotContain("refused").doesNotContain("Error 403");
            assertThat(web.findElement(By.linkText("Log in with my codename")).getAttribute("href"))
                    .endsWith("/login");
            assertThat(count(server, "submission")).isEqualTo(submissions);
            assertThat(StoreFiles.blobs(server.storeDir())).hasSize(blobs);
        }
        SourceVisit visit = SourceVisit.newSource(server);
        TestBrowser browser = visit.browser();
        Page lookup = visit.lookup();
        browser.cookies().getCookieStore().removeAll();
        Page refused = browser.submit(lookup, "after the session ended", List.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().getElementById("session-ended")).isNotNull();
        Page logout = browser.post("/logout", Map.of("_csrf", lookup.csrfToken()));
        assertThat(logout.status()).isEqualTo(403);
        assertThat(logout.document().getElementById("session-ended")).isNotNull();
    }

    /** A fixed local port in front of the server, so that a page loaded before a restart can post after it. */
    private static final class Forwarder implements AutoCloseable {
        private final ServerSocket listener;
        private final IntSupplier target;

        Forwarder(IntSupplier target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::acceptLoop, "forwarder-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt());
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException | RuntimeException e) {
                    // Closed, or the server is between stop and start: the browser sees a reset.
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // One side closed.
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // Already closed.
                    }
                }
            }, "forwarder-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
