package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.accounts.Totp;
import org.postern.cli.OperatorCommands;
import org.postern.testing.Chromium;
import org.postern.testing.ChromiumSource;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.GnuPG;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.TestClock;

/**
 * The whole investigator story in real browsers with JavaScript off: setup, an invitation, TOTP enrolment,
 * key upload and approval, a source's submission arriving, its download decrypted by gpg, a reply, and the
 * source reading that reply. The audit chain verifies afterwards.
 */
@Tag("browser")
class ConsoleWalkInChromiumTest {

    private static final String PASSWORD = "walk through the console slowly";
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void setupInviteEnrolVetKeyReceiveDecryptReply(PosternTestServer server, GnuPG gpg) throws Exception {
        String canary = "WALK-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        try (Chromium adminBrowser = Chromium.start(false);
                Chromium investigatorBrowser = Chromium.start(false);
                Chromium sourceBrowser = Chromium.start(false)) {
            WebDriver admin = adminBrowser.driver();
            // 1. Setup of the first admin with the token from the log.
            admin.get(server.consoleUrl() + "/setup");
            long adminStep = enrol(admin, server.clock(), ConsoleAccounts.setupTokenFromLog(), "ada");
            logIn(admin, "ada", adminStep + 1);

            // 2. Inviting an investigator.
            admin.get(server.consoleUrl() + "/admin/accounts");
            admin.findElement(By.cssSelector("form[action$='/admin/accounts/invite'] button")).click();
            String link = Chromium.await(admin, By.id("link")).getText();

            // 3. TOTP enrolment by the investigator, with codes computed here as the app would.
            WebDriver ivy = investigatorBrowser.driver();
            ivy.get(link.replaceFirst("^http://[^/]+", server.consoleUrl()));
            long ivyStep = enrol(ivy, server.clock(), null, "ivy");
            logIn(ivy, "ivy", ivyStep + 1);

            // 4. The investigator uploads their gpg-made key; the admin approves it.
            String fpr = gpg.generateCurve25519("Ivy <ivy@example.org>");
            ivy.get(server.consoleUrl() + "/keys");
            Chromium.await(ivy, By.id("armored")).sendKeys(gpg.exportArmored(fpr));
            ivy.findElement(By.cssSelector("form[action$='/keys'] button")).click();
            assertThat(Chromium.await(ivy, By.id("key-notice")).getText()).contains("waits for approval");
            admin.get(server.consoleUrl() + "/admin/keys");
            admin.findElement(By.id("checked-" + fpr)).click();
            admin.findElement(By.cssSelector("#key-" + fpr + " form.approve button")).click();
            assertThat(Chromium.await(admin, By.id("key-notice")).getText()).contains("approved");

            // 5. A source submits through the source interface.
            WebDriver source = sourceBrowser.driver();
            source.get(server.sourceUrl() + "/generate");
            String codename = Chromium.await(source, By.id("codename")).getText();
            SecretsUsed.record(SecretsUsed.Kind.CODENAME, codename);
            source.findElement(By.cssSelector("main form button[type=submit]")).click();
            Chromium.await(source, By.id("message")).sendKeys("Evidence attached. " + canary);
            source.findElement(By.cssSelector("form[enctype='multipart/form-data'] button[type=submit]")).click();
            assertThat(Chromium.await(source, By.id("receipt")).getText()).contains("1 message");

            // 6. It shows up; the investigator downloads it and gpg decrypts it.
            ivy.get(server.consoleUrl() + "/");
            ivy.findElement(By.cssSelector("#sources a.designation")).click();
            String designation = Chromium.await(ivy, By.id("designation")).getText();
            ivy.findElement(By.cssSelector("#submissions a.download")).click();
            Path download = investigatorBrowser.awaitDownload(designation.replace(' ', '-') + "-1.pgp",
                    Duration.ofSeconds(30));
            GnuPG.Decrypted message = gpg.decrypt(download);
            assertThat(message.integrityOk()).isTrue();
            assertThat(message.text()).isEqualTo("Evidence attached. " + canary);

            // 7. The investigator replies.
            Chromium.await(ivy, By.id("reply-text")).sendKeys("Received, thank you. " + canary);
            ivy.findElement(By.cssSelector("#reply form button")).click();
            assertThat(Chromium.await(ivy, By.id("replied-notice")).getText()).contains("encrypted and stored");

            // 8. The source logs in again and reads the reply.
            ChromiumSource.logIn(source, server.sourceUrl(), codename);
            assertThat(source.findElement(By.cssSelector(".reply pre")).getText())
                    .isEqualTo("Received, thank you. " + canary);

            // The admin reads the audit trail of all this: identifiers only, never the content.
            admin.get(server.consoleUrl() + "/admin/audit");
            assertThat(Chromium.await(admin, By.id("audit-status")).getText()).startsWith("Hash chain intact");
            String trail = admin.findElement(By.id("audit")).getText();
            assertThat(trail).contains("SETUP_COMPLETED", "INVITATION_CREATED", "KEY_APPROVED",
                    "SUBMISSION_DOWNLOADED", "REPLY_SENT").doesNotContain(canary).doesNotContain(codename);
            assertThat(PlaintextScanner.findAll(List.of(server.dataDir()), List.of(canary, codename)))
                    .as("the data dir, H2 files included").isEmpty();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int verified = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true), "audit", "verify",
                "--postern.data-dir=" + server.dataDir());
        assertThat(verified).as(err.toString()).isZero();
        assertThat(out.toString()).contains("intact");
    }

    /** Fills in the two steps of the enrolment form shown; returns the TOTP step used. */
    private static long enrol(WebDriver web, TestClock clock, String setupToken, String username) {
        if (setupToken != null) {
            Chromium.await(web, By.id("token")).sendKeys(setupToken);
        }
        Chromium.await(web, By.id("username")).sendKeys(username);
        web.findElement(By.cssSelector("#name-step button.primary")).click();
        byte[] secret = new Base32().decode(Chromium.await(web, By.id("totp-secret")).getText());
        assertThat(web.findElement(By.id("totp-label")).getText()).endsWith(":" + username);
        web.findElement(By.id("password")).sendKeys(PASSWORD);
        long step = clock.instant().getEpochSecond() / 30;
        web.findElement(By.id("code")).sendKeys(Totp.codeAt(secret, Instant.ofEpochSecond(step * 30)));
        web.findElement(By.cssSelector("#code-step button.primary")).click();
        new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("/login?enrolled"));
        SECRETS.put(username, secret);
        return step;
    }

    private static void logIn(WebDriver web, String username, long step) {
        Chromium.await(web, By.id("username")).sendKeys(username);
        web.findElement(By.id("password")).sendKeys(PASSWORD);
        web.findElement(By.id("code")).sendKeys(Totp.codeAt(SECRETS.get(username), Instant.ofEpochSecond(step * 30)));
        web.findElement(By.cssSelector("form button.primary")).click();
        assertThat(Chromium.await(web, By.id("logout")).getText()).contains(username);
    }

    private static final java.util.Map<String, byte[]> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();
}
