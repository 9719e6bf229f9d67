package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.testing.Admin;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.ConsoleInChromium;
import org.postern.testing.GnuPGHomes;
import org.postern.testing.Investigator;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoredBlobs;

/**
 * In-browser reading in Arabic when things go wrong, in a real Chromium: a wrong passphrase, a message that is
 * not encrypted to the loaded key, a stored message changed after it was written (its integrity check fails)
 * and one with no integrity protection each show the page's Arabic sentence, never the English message
 * OpenPGP.js throws.
 */
@Tag("browser")
class BrowserReadingErrorsInChromiumTest {

    private static final String PASS = "ivy's long key passphrase";
    /** Latin-script words a correct Arabic sentence may hold: the names of the tools it points to. */
    private static final List<String> NAMES = List.of("OpenPGP", "js", "gpg");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");

    @RegisterExtension
    static final GnuPGHomes HOMES = new GnuPGHomes();

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    private static String ivySecret;
    private static SourceVisit beforeIvy;
    private static SourceVisit forged;
    private static SourceVisit unprotected;
    private static Properties arabic;

    @BeforeAll
    static void start(PosternTestServer server, @Admin Person ada, @Investigator("ivy") Person ivy,
            @Investigator("rob") Person rob) throws Exception {
        ReadingKey ivyKey = ReadingKey.ofInvestigator(HOMES, "ivy", "ed25519", PASS);
        ReadingKey.ofInvestigator(HOMES, "rob", "ed25519", PASS).approvedFor(server, "rob");
        ivySecret = ivyKey.armoredSecret();

        // Written while only Rob's key was approved: nothing in it is encrypted to Ivy.
        beforeIvy = SourceVisit.newSource(server).submit("for Rob only", List.of());
        ivyKey.approvedFor(server, "ivy");

        // Encrypted to Ivy, then changed on disk: its last byte is inside the integrity check.
        forged = SourceVisit.newSource(server).submit("changed after it was stored", List.of());
        Path blob = StoredBlobs.onlySubmission(server, forged);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(blob, bytes);
        assertThatThrownBy(() -> ivyKey.home().decrypt(blob, PASS)).as("gpg refuses it too").isNotNull();

        // Encrypted to Ivy without integrity protection (no MDC), as no Postern ever writes, put in place of one.
        unprotected = SourceVisit.newSource(server).submit("replaced by one with no integrity check", List.of());
        Files.write(StoredBlobs.onlySubmission(server, unprotected),
                withoutIntegrity(ivyKey.armoredPublic(), "no integrity".getBytes(StandardCharsets.UTF_8)));

        arabic = new Properties();
        try (InputStream in = BrowserReadingErrorsInChromiumTest.class
                .getResourceAsStream("/i18n/console_ar.properties");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            arabic.load(reader);
        }
    }

    @Test
    void wrongPassphraseWrongKeyAndForgedMessageShowArabicSentences(PosternTestServer server,
            @Investigator("ivy") Person ivy) {
        try (Chromium chromium = Chromium.startRecording()) {
            WebDriver web = chromium.driver();
            ConsoleInChromium.logIn(web, server.consoleUrl(), ivy);
            ConsoleInChromium.turnOnBrowserReading(web, server.consoleUrl());
            web.get(server.consoleUrl() + "/sources/" + forged.source().id() + "?lang=ar");
            Chromium.await(web, By.id("bk-load-button"));
            assertThat(web.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");

            load(web, ivySecret, "not the passphrase");
            String wrongPassphrase = sentence("wrongPassphrase");
            assertThat(statusBecomes(web, wrongPassphrase)).isEqualTo(wrongPassphrase);

            load(web, ivySecret, PASS);
            keyLoaded(web);
            assertThat(readError(web)).isEqualTo(sentence("forged"));

            web.get(server.consoleUrl() + "/sources/" + unprotected.source().id());
            Chromium.await(web, By.id("bk-load-button"));
            load(web, ivySecret, PASS);
            keyLoaded(web);
            assertThat(readError(web)).isEqualTo(sentence("noIntegrity"));

            web.get(server.consoleUrl() + "/sources/" + beforeIvy.source().id());
            Chromium.await(web, By.id("bk-load-button"));
            load(web, ivySecret, PASS);
            keyLoaded(web);
            assertThat(readError(web)).isEqualTo(sentence("notForThisKey"));
        }
    }

    /** A symmetrically encrypted data packet with no MDC, its session key encrypted to the key's subkey. */
    private static byte[] withoutIntegrity(String armoredKey, byte[] plaintext) throws Exception {
        PGPPublicKeyRing ring;
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredKey.getBytes(StandardCharsets.US_ASCII)))) {
            ring = new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator());
        }
        PGPPublicKey subkey = null;
        for (PGPPublicKey key : ring) {
            if (!key.isMasterKey() && key.isEncryptionKey()) {
                subkey = key;
            }
        }
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(false)
                        .setSecureRandom(new SecureRandom()));
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(subkey));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypted = generator.open(out, new byte[1 << 12]);
                OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
                        plaintext.length, new java.util.Date(0))) {
            literal.write(plaintext);
        }
        return out.toByteArray();
    }

    /** The bundle's Arabic sentence, checked to be Arabic: no Latin word but the tools' names. */
    private static String sentence(String name) {
        String text = arabic.getProperty("reading.script." + name);
        assertThat(text).as(name).isNotNull().containsPattern("\\p{IsArabic}{3}");
        Matcher latin = LATIN_WORD.matcher(text);
        while (latin.find()) {
            assertThat(NAMES).as("Latin word in the Arabic sentence " + name).contains(latin.group());
        }
        return text;
    }

    /** Reads the page's one message; returns the error the script shows for it. */
    private static String readError(WebDriver web) {
        web.findElement(By.cssSelector("tr.submission[data-message=true] .bk-decrypt")).click();
        String shown = new WebDriverWait(web, Duration.ofMinutes(1)).until(d -> {
            if (!d.findElements(By.cssSelector("pre.bk-text")).isEmpty()) {
                throw new AssertionError("decrypted: " + d.findElement(By.cssSelector("pre.bk-text")).getText());
            }
            List<WebElement> errors = d.findElements(By.cssSelector("tr.bk-output .error"));
            return errors.isEmpty() ? null : errors.get(0).getText();
        });
        assertThat(shown).doesNotContainPattern("(?i)modification|session|decrypt|error|key|integrity");
        return shown;
    }

    private static void load(WebDriver web, String key, String passphrase) {
        WebElement area = web.findElement(By.id("bk-armored"));
        area.clear();
        ((JavascriptExecutor) web).executeScript("arguments[0].value = arguments[1];", area, key);
        WebElement pass = web.findElement(By.id("bk-passphrase"));
        pass.clear();
        pass.sendKeys(passphrase);
        ((JavascriptExecutor) web).executeScript("document.getElementById('bk-status').textContent = '';");
        web.findElement(By.id("bk-load-button")).click();
    }

    private static void keyLoaded(WebDriver web) {
        new WebDriverWait(web, Duration.ofMinutes(1))
                .until(d -> d.findElement(By.cssSelector(".bk-decrypt")).isEnabled());
    }

    /** Waits for the key panel's status to start with {@code expected}; returns it. */
    private static String statusBecomes(WebDriver web, String expected) {
        return new WebDriverWait(web, Duration.ofMinutes(1)).until(d -> {
            String status = d.findElement(By.id("bk-status")).getText();
            return status.startsWith(expected) ? status : null;
        });
    }
}
