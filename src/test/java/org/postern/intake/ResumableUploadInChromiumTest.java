package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.Chromium;
import org.postern.testing.ChromiumSource;
import org.postern.testing.CuttingProxy;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.web.StrictHeaders;

/**
 * The upload page in a real Chromium. With JavaScript on, a 200 MB file goes through the tus client over a
 * connection cut twice, and the page resumes by itself and confirms. With JavaScript off, it is the plain form.
 */
@Tag("browser")
class ResumableUploadInChromiumTest {

    private static final long SIZE = 200L * 1000 * 1000;
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void withJavaScriptTheUploadSurvivesTwoCutsAndConfirms(PosternTestServer server, GnuPG gpg) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "tus-chromium");
        Path file = dir.resolve("field-recording.bin");
        String sha = write(file);
        int sourcePort = Integer.parseInt(server.sourceUrl().substring(server.sourceUrl().lastIndexOf(':') + 1));
        // This test's submission is the one that is new afterwards: the class's other tests upload too.
        java.util.Set<String> before = new java.util.HashSet<>();
        server.bean(SubmissionRepository.class).findAll().forEach(s -> before.add(s.blobId().value()));
        try (CuttingProxy proxy = CuttingProxy.start(sourcePort, SIZE / 3, SIZE * 2 / 3);
                Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            ChromiumSource.newSource(web, proxy.url() + "/");
            assertThat(Chromium.await(web, By.id("resumable-hint")).isDisplayed()).as("script enhanced the page")
                    .isTrue();
            web.findElement(By.id("files")).sendKeys(file.toString());
            web.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            assertThat(Chromium.await(web, By.id("resumable")).isDisplayed()).isTrue();
            new WebDriverWait(web, Duration.ofMinutes(15)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("resumable-done")));
            assertThat(web.findElement(By.id("resumable-done")).getText()).contains("arrived");
            assertThat(proxy.cuts()).as("the connection was cut").isEqualTo(2);
            assertThat(web.getCurrentUrl()).as("no form post: the page stayed").contains("/lookup");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        List<Submission> stored = server.bean(SubmissionRepository.class).findAll().stream()
                .filter(s -> !before.contains(s.blobId().value())).toList();
        assertThat(stored).as("the one new submission").hasSize(1);
        GnuPG.DecryptedDigest out = gpg.decryptToDigest(server.storeDir().resolve(stored.get(0).blobId().value()));
        assertThat(out.integrityOk()).as(out.status()).isTrue();
        assertThat(out.length()).isEqualTo(SIZE);
        assertThat(out.sha256()).isEqualTo(sha);
        assertThat(out.fileName()).isEqualTo("field-recording.bin");
    }

    @Test
    void inUyghurTheScriptSpeaksUyghur(PosternTestServer server) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "tus-chromium");
        Path file = dir.resolve("ug.bin");
        Files.write(file, new byte[3 * 1024 * 1024]);
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            ChromiumSource.newSource(web, server.sourceUrl() + "/?lang=ug");
            Chromium.await(web, By.id("resumable-hint"));
            web.findElement(By.id("files")).sendKeys(file.toString());
            web.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            // The script wrote these as the upload started; they stay when the panel hides at the end.
            String started = (String) ((org.openqa.selenium.JavascriptExecutor) web).executeScript(
                    "return document.getElementById('resumable-state').textContent + ' | '"
                    + " + document.getElementById('resumable-sent').textContent;");
            new WebDriverWait(web, Duration.ofMinutes(2)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("resumable-done")));
            assertThat(started).as("what the script showed").contains("ئەۋەتىلىۋاتىدۇ").contains("MB")
                    .doesNotContainIgnoringCase("sending").doesNotContain(" of ").doesNotContain("bytes");
            assertThat(web.findElement(By.id("resumable-done")).getText()).doesNotContain("arrived");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void withoutJavaScriptItIsThePlainForm(PosternTestServer server, GnuPG gpg) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "tus-chromium");
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "sent by the plain form");
        java.util.Set<String> before = server.bean(SubmissionRepository.class).findAll().stream()
                .map(s -> s.blobId().value()).collect(java.util.stream.Collectors.toSet());
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            ChromiumSource.newSource(web, server.sourceUrl() + "/");
            assertThat(web.findElement(By.id("resumable-hint")).isDisplayed()).isFalse();
            assertThat(web.findElement(By.id("resumable")).isDisplayed()).isFalse();
            web.findElement(By.id("files")).sendKeys(file.toString());
            web.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
            assertThat(Chromium.await(web, By.id("receipt")).getText()).contains("and 1 file were encrypted");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        // The new one, found by id: the class's other tests stored a 200 MB file that must not be read into memory.
        List<String> added = server.bean(SubmissionRepository.class).findAll().stream()
                .map(s -> s.blobId().value()).filter(id -> !before.contains(id)).toList();
        assertThat(added).hasSize(1);
        GnuPG.Decrypted out = gpg.decrypt(server.storeDir().resolve(added.get(0)));
        assertThat(out.text()).isEqualTo("sent by the plain form");
    }

    @Test
    void onlyTheUploadPageMayRunScript(PosternTestServer server) {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page codename = browser.get("/generate");
        assertThat(codename.headers().firstValue("Content-Security-Policy")).hasValue(StrictHeaders.CSP);
        assertThat(StrictHeaders.CSP).doesNotContain("script-src").doesNotContain("connect-src");
        Page lookup = browser.post("/create", Map.of("_csrf", codename.csrfToken()));
        assertThat(lookup.headers().firstValue("Content-Security-Policy")).hasValue(StrictHeaders.UPLOAD_PAGE_CSP);
        assertThat(StrictHeaders.UPLOAD_PAGE_CSP).contains("script-src 'self'; connect-src 'self'")
                .doesNotContain("unsafe");
        assertThat(lookup.document().select("script").eachAttr("src"))
                .containsExactly("/vendor/tus-js-client/tus.min.js", "/js/resumable.js");
        assertThat(lookup.document().select("script").eachAttr("integrity")).allMatch(i -> i.startsWith("sha384-"));
        for (String page : List.of("/", "/login", "/fingerprints")) {
            Page p = browser.get(page);
            assertThat(p.headers().firstValue("Content-Security-Policy")).as(page).hasValue(StrictHeaders.CSP);
            assertThat(p.document().select("script")).as(page).isEmpty();
        }
        assertThat(browser.get("/js/resumable.js").status()).isEqualTo(200);
        assertThat(browser.get("/vendor/tus-js-client/LICENSE").body()).contains("MIT");
    }

    private static String write(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(17);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            for (long left = SIZE; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
