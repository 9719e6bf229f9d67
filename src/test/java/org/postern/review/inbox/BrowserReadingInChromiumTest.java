package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.sources.Reply;
import org.postern.sources.ReplyRepository;
import org.postern.testing.Admin;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.ConsoleInChromium;
import org.postern.testing.GnuPG;
import org.postern.testing.GnuPGHomes;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-browser reading in a real Chromium with JavaScript on, with private keys gpg made (cv25519 and RSA-4096,
 * each protected by a passphrase): the key is checked against the approved fingerprint, a message shows as text
 * and a 20 MB file comes back byte for byte under its original name; a key kept in IndexedDB comes back after a
 * reload only with its passphrase; a reply encrypted in the browser opens for the source and for each
 * investigator's gpg; forged replies are refused; and no request the browser sent carries the key.
 */
@Tag("browser")
class BrowserReadingInChromiumTest {

    private static final String IVY_PASS = "ivy's long key passphrase";
    private static final String ROB_PASS = "rob's long key passphrase";
    private static final String FILE_NAME = "Отчёт 2026 (final).pdf";

    @RegisterExtension
    static final GnuPGHomes HOMES = new GnuPGHomes();

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    private static ReadingKey ivyKey;
    private static ReadingKey robKey;
    /** Another key under Ivy's name and passphrase: only the approved fingerprint tells it apart. */
    private static ReadingKey otherKey;
    private static SourceVisit source;
    private static String message;
    private static byte[] file;

    @BeforeAll
    static void start(PosternTestServer server, @Admin Person ada, @Investigator("ivy") Person ivy,
            @Investigator("rob") Person rob) {
        ivyKey = ReadingKey.ofInvestigator(HOMES, "ivy", "ed25519", IVY_PASS).approvedFor(server, "ivy");
        robKey = ReadingKey.ofInvestigator(HOMES, "rob", "rsa4096", ROB_PASS).approvedFor(server, "rob");
        otherKey = ReadingKey.make(HOMES.of("other"), "Ivy <ivy@example.org>", "ed25519", IVY_PASS);

        message = "Сообщение с доказательствами <b>not bold</b> " + UUID.randomUUID();
        file = new byte[20 * 1024 * 1024];
        new SecureRandom().nextBytes(file);
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 8);
        source = SourceVisit.newSource(server).submit(message,
                List.of(new TestBrowser.FilePart(FILE_NAME, () -> new ByteArrayInputStream(file))));
    }

    @Test
    void curve25519KeyReadsKeepsAndRepliesAndNeverLeavesTheBrowser(PosternTestServer server,
            @Investigator("ivy") Person ivy) throws Exception {
        String reply = "Reply from the browser " + UUID.randomUUID();
        try (Chromium chromium = Chromium.startRecording()) {
            WebDriver web = chromium.driver();
            ConsoleInChromium.logIn(web, server.consoleUrl(), ivy);
            ConsoleInChromium.turnOnBrowserReading(web, server.consoleUrl());
            web.get(server.consoleUrl() + "/sources/" + source.source().id());
            Chromium.await(web, By.id("bk-load-button"));

            // Another private key, even with the same user id, is refused; so is a public key; so is a wrong
            // passphrase for the right key.
            load(web, otherKey.armoredSecret(), IVY_PASS, false);
            assertThat(statusAfter(web, "Refused")).contains("is not your approved key");
            load(web, ivyKey.armoredPublic(), IVY_PASS, false);
            assertThat(statusAfter(web, "public key")).contains("Load your private key");
            load(web, ivyKey.armoredSecret(), "not the passphrase", false);
            assertThat(statusAfter(web, "Wrong passphrase")).contains("does not unlock this key");
            assertThat(web.findElement(By.cssSelector(".bk-decrypt")).isEnabled()).isFalse();

            // The right key, kept in this browser.
            load(web, ivyKey.armoredSecret(), IVY_PASS, true);
            assertThat(statusAfter(web, "loaded")).contains("kept in this browser");
            readAndCompare(web, chromium);

            // After a reload the page holds no key; the kept one needs its passphrase.
            web.navigate().refresh();
            Chromium.await(web, By.id("bk-unlock-button"));
            waitFor(web, d -> d.findElement(By.id("bk-unlock")).isDisplayed());
            assertThat(web.findElement(By.cssSelector(".bk-decrypt")).isEnabled()).isFalse();
            web.findElement(By.id("bk-unlock-button")).click();
            assertThat(statusAfter(web, "Wrong passphrase")).contains("did not unlock");
            web.findElement(By.id("bk-unlock-passphrase")).sendKeys("a guess");
            web.findElement(By.id("bk-unlock-button")).click();
            waitFor(web, d -> d.findElement(By.id("bk-status")).getText().contains("Unlocking") == false);
            assertThat(statusAfter(web, "Wrong passphrase")).contains("did not unlock");
            web.findElement(By.id("bk-unlock-passphrase")).clear();
            web.findElement(By.id("bk-unlock-passphrase")).sendKeys(IVY_PASS);
            web.findElement(By.id("bk-unlock-button")).click();
            statusAfter(web, "loaded");
            web.findElement(By.cssSelector("tr.submission[data-message=true] .bk-decrypt")).click();
            assertThat(Chromium.await(web, By.cssSelector("pre.bk-text")).getText()).isEqualTo(message);

            // Forged replies posted from the page itself are refused, and nothing is kept.
            int before = replies().size();
            assertThat(postFromPage(web, new byte[] {1, 2, 3, 4, 5})).contains("not a well-formed");
            byte[] gpgMade = ivyKey.home().encryptTo(ivyKey.fingerprint(), "forged".getBytes(StandardCharsets.UTF_8));
            assertThat(postFromPage(web, gpgMade)).contains("not encrypted to the source's reply key");
            assertThat(replies()).hasSize(before);

            // A reply encrypted in the browser.
            web.findElement(By.id("reply-text")).sendKeys(reply);
            web.findElement(By.cssSelector("#reply form button[type=submit]")).click();
            WebElement replied = new WebDriverWait(web, Duration.ofMinutes(1)).until(d -> {
                List<WebElement> refused = d.findElements(By.id("bk-reply-error"));
                if (!refused.isEmpty() && !refused.get(0).getText().isEmpty()) {
                    throw new AssertionError("reply refused: " + refused.get(0).getText());
                }
                List<WebElement> notice = d.findElements(By.id("replied-notice"));
                return notice.isEmpty() ? null : notice.get(0);
            });
            assertThat(replied.getText()).contains("encrypted and stored");

            assertThat(chromium.consoleMessages()).as("CSP and Trusted Types reports")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Trusted Type")
                            || m.contains("integrity"));
            assertNoRequestCarries(chromium.networkEvents(), ivyKey.armoredSecret(), IVY_PASS);
        }

        // The source reads it at the next login; each investigator's gpg opens it.
        Page later = source.logInAgain();
        assertThat(later.document().select(".reply pre").eachText()).contains(reply);
        Reply stored = replies().get(replies().size() - 1);
        Path blob = server.storeDir().resolve(stored.blobId().value());
        assertThat(blob).isRegularFile();
        GnuPG.Decrypted forIvy = ivyKey.home().decrypt(blob, IVY_PASS);
        GnuPG.Decrypted forRob = robKey.home().decrypt(blob, ROB_PASS);
        assertThat(forIvy.integrityOk()).isTrue();
        assertThat(forIvy.text()).isEqualTo(reply);
        assertThat(forRob.integrityOk()).isTrue();
        assertThat(forRob.text()).isEqualTo(reply);
        assertThat(PlaintextScanner.findAll(List.of(server.dataDir(), Path.of("target/test-logs")),
                List.of(reply, message))).as("data dir (database, store) and logs").isEmpty();
    }

    @Test
    void rsa4096KeyFromAFileReadsTheMessageAndTheFile(PosternTestServer server, @Investigator("rob") Person rob)
            throws Exception {
        try (Chromium chromium = Chromium.startRecording()) {
            WebDriver web = chromium.driver();
            ConsoleInChromium.logIn(web, server.consoleUrl(), rob);
            ConsoleInChromium.turnOnBrowserReading(web, server.consoleUrl());
            web.get(server.consoleUrl() + "/sources/" + source.source().id());
            Path keyFile = Files.createTempFile(Path.of("/tmp"), "bk-rob", ".asc");
            try {
                Files.writeString(keyFile, robKey.armoredSecret(), StandardCharsets.US_ASCII);
                Chromium.await(web, By.id("bk-file")).sendKeys(keyFile.toString());
                web.findElement(By.id("bk-passphrase")).sendKeys(ROB_PASS);
                web.findElement(By.id("bk-load-button")).click();
                statusAfter(web, "loaded");
            } finally {
                Files.deleteIfExists(keyFile);
            }
            readAndCompare(web, chromium);
            assertNoRequestCarries(chromium.networkEvents(), robKey.armoredSecret(), ROB_PASS);

            // In Uyghur, every word the script writes is Uyghur: it takes them from the page.
            web.get(server.consoleUrl() + "/sources/" + source.source().id() + "?lang=ug");
            try {
                assertThat(statusAfter(web, "ئاچقۇچ")).doesNotContain("key", "No ");
                assertThat(web.findElement(By.cssSelector("tr.submission[data-message=true] .bk-decrypt")).getText())
                        .isEqualTo("بۇ يەردە ئوقۇش");
                load(web, ivyKey.armoredPublic(), ROB_PASS, false);
                assertThat(statusAfter(web, "ئاممىۋى ئاچقۇچ")).doesNotContain("This is", "Load your");
            } finally {
                web.get(server.consoleUrl() + "/sources/" + source.source().id() + "?lang=en");
            }
        }
    }

    private static void readAndCompare(WebDriver web, Chromium chromium) throws IOException {
        web.findElement(By.cssSelector("tr.submission[data-message=true] .bk-decrypt")).click();
        WebElement text = Chromium.await(web, By.cssSelector("pre.bk-text"));
        assertThat(text.getText()).isEqualTo(message);
        assertThat(web.findElements(By.cssSelector("pre.bk-text b"))).as("text, never markup").isEmpty();

        web.findElement(By.cssSelector("tr.submission[data-message=false] .bk-decrypt")).click();
        WebElement saved = new WebDriverWait(web, Duration.ofMinutes(2)).until(d -> {
            List<WebElement> links = d.findElements(By.cssSelector("a.bk-file"));
            List<WebElement> errors = d.findElements(By.cssSelector("tr.bk-output .error"));
            if (!errors.isEmpty()) {
                throw new AssertionError(errors.get(0).getText());
            }
            return links.isEmpty() ? null : links.get(0);
        });
        assertThat(saved.getText()).isEqualTo("Save " + FILE_NAME);
        String note = saved.findElement(By.xpath("..")).getText();
        assertThat(note).contains(FILE_NAME, "PDF document", "20 MB");
        Path download = chromium.awaitDownload(FILE_NAME, Duration.ofMinutes(1));
        assertThat(Files.size(download)).isEqualTo(file.length);
        assertThat(Files.readAllBytes(download)).isEqualTo(file);
    }

    private static List<Reply> replies() {
        return POSTERN.server().bean(ReplyRepository.class).findBySource(source.source().id());
    }

    /** Posts raw bytes as the page's script would, with the page's CSRF token; returns the console's answer. */
    private static String postFromPage(WebDriver web, byte[] body) {
        Object answer = ((JavascriptExecutor) web).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const panel = document.getElementById('browser-key');
                const headers = {'Content-Type': 'application/pgp-encrypted'};
                headers[panel.dataset.csrfHeader] = panel.dataset.csrfToken;
                const body = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                fetch(panel.dataset.replyUrl, {method: 'POST', headers, body, credentials: 'same-origin'})
                    .then(r => r.text().then(t => done(r.status + ' ' + t)))
                    .catch(e => done('failed ' + e));""", Base64.getEncoder().encodeToString(body));
        assertThat(String.valueOf(answer)).startsWith("400 ");
        return String.valueOf(answer);
    }

    /**
     * No URL, header or body the browser sent holds the passphrase or any part of the private key: each line of
     * its armor, and any 48-byte run of its binary form (bodies the log gives as bytes are decoded first).
     */
    private static void assertNoRequestCarries(List<String> events, String armoredSecret, String passphrase) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = armoredSecret.lines().filter(l -> l.length() >= 40 && !l.startsWith("-----")
                && !l.contains(":")).toList();
        byte[] binary = dearmor(armoredSecret);
        List<String> sent = new ArrayList<>();
        int posts = 0;
        for (String event : events) {
            JsonNode message = json.readTree(event).path("message");
            if (!"Network.requestWillBeSent".equals(message.path("method").asString(""))) {
                continue;
            }
            JsonNode request = message.path("params").path("request");
            StringBuilder everything = new StringBuilder(request.toString());
            for (JsonNode entry : request.path("postDataEntries")) {
                if (entry.has("bytes")) {
                    everything.append(new String(Base64.getDecoder().decode(entry.path("bytes").asString()),
                            StandardCharsets.ISO_8859_1));
                }
            }
            if ("POST".equals(request.path("method").asString(""))) {
                posts++;
            }
            sent.add(everything.toString());
        }
        assertThat(sent).as("requests recorded").hasSizeGreaterThan(5);
        assertThat(posts).as("posts recorded (login, choice)").isGreaterThanOrEqualTo(2);
        String binaryText = new String(binary, StandardCharsets.ISO_8859_1);
        for (String request : sent) {
            assertThat(request).doesNotContain(passphrase);
            for (String line : lines) {
                assertThat(request).doesNotContain(line);
            }
            for (int i = 0; i + 48 <= binaryText.length(); i += 16) {
                assertThat(request.contains(binaryText.substring(i, i + 48))).isFalse();
            }
        }
    }

    private static byte[] dearmor(String armored) {
        StringBuilder base64 = new StringBuilder();
        boolean body = false;
        for (String line : armored.lines().toList()) {
            if (line.startsWith("-----END")) {
                break;
            }
            if (body && !line.startsWith("=")) {
                base64.append(line.strip());
            }
            if (line.isBlank()) {
                body = true;
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    private static void load(WebDriver web, String key, String passphrase, boolean keep) {
        WebElement area = web.findElement(By.id("bk-armored"));
        area.clear();
        ((JavascriptExecutor) web).executeScript("arguments[0].value = arguments[1];", area, key);
        WebElement pass = web.findElement(By.id("bk-passphrase"));
        pass.clear();
        pass.sendKeys(passphrase);
        WebElement keepBox = web.findElement(By.id("bk-keep"));
        if (keepBox.isSelected() != keep) {
            keepBox.click();
        }
        ((JavascriptExecutor) web).executeScript("document.getElementById('bk-status').textContent = '';");
        web.findElement(By.id("bk-load-button")).click();
    }

    /** Waits for the key panel's status to mention {@code expected}; returns it. */
    private static String statusAfter(WebDriver web, String expected) {
        return new WebDriverWait(web, Duration.ofMinutes(1)).until(d -> {
            String status = d.findElement(By.id("bk-status")).getText();
            return status.contains(expected) ? status : null;
        });
    }

    private static void waitFor(WebDriver web, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(web, Duration.ofSeconds(60)).until(condition::apply);
    }
}
