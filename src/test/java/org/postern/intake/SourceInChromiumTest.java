package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import org.postern.testing.GnuPG;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;

/** The whole source visit in a real Chromium with JavaScript switched off, as at Tor Browser's "Safest". */
@Tag("browser")
class SourceInChromiumTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void submitLogOutAndComeBackWithoutJavaScript(PosternTestServer server, GnuPG gpg) throws Exception {
        String canary = "CHROMIUM-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        Path upload = Files.createTempDirectory(Path.of("/tmp"), "upload").resolve("notes " + canary + ".txt");
        Files.writeString(upload, "file body " + canary);
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            String codename = ChromiumSource.newSource(web, server.sourceUrl() + "/");
            web.findElement(By.id("message")).sendKeys("typed in Chromium " + canary);
            web.findElement(By.id("files")).sendKeys(upload.toString());
            web.findElement(By.cssSelector("form[enctype='multipart/form-data'] button[type=submit]")).click();
            assertThat(Chromium.await(web, By.id("receipt")).getText()).contains("1 message and 1 file");

            web.get(server.sourceUrl() + "/lookup");
            web.findElement(By.cssSelector("form.logout button")).click();
            new WebDriverWait(web, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("logged-out"));
            assertThat(web.getPageSource()).contains("You have logged out");

            web.findElement(By.linkText("I have a codename")).click();
            Chromium.await(web, By.id("codename")).sendKeys(codename.toUpperCase());
            web.findElement(By.cssSelector("main form button[type=submit]")).click();
            new WebDriverWait(web, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/lookup"));
            assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome back");
            assertThat(PlaintextScanner.findAll(List.of(server.dataDir()), List.of(canary, codename)))
                    .as("the data dir, H2 files included").isEmpty();
        } finally {
            Files.deleteIfExists(upload);
        }
        List<Submission> stored = server.bean(SubmissionRepository.class).findAll();
        GnuPG.Decrypted file = gpg.decrypt(server.storeDir().resolve(stored.get(stored.size() - 1).blobId().value()));
        assertThat(file.text()).isEqualTo("file body " + canary);
        assertThat(file.fileName()).isEqualTo("notes " + canary + ".txt");
    }
}
