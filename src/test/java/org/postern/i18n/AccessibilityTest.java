package org.postern.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.testing.Admin;
import org.postern.testing.Axe;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.InboxSeeder;
import org.postern.testing.PageLayout;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;

/**
 * axe-core on every source page in English, Uyghur and Simplified Chinese, and on the console's login, inbox and
 * source pages: no serious or critical violation (labels, contrast, language, landmarks, focus order). axe needs
 * the browser's timers, so these pages are loaded with script allowed; they carry none of their own.
 */
@Tag("browser")
class AccessibilityTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ug", "zh-Hans"})
    void everySourcePage(String lang, PosternTestServer server) {
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            web.get(server.sourceUrl() + "/?lang=" + lang);
            assertClean(web, "landing");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector(".actions a.primary")));
            String codename = Chromium.await(web, By.id("codename")).getText();
            SecretsUsed.record(SecretsUsed.Kind.CODENAME, codename);
            assertClean(web, "codename");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button")));
            new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("/lookup"));
            assertClean(web, "lookup");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype] button")));
            assertClean(web, "submit-failed");
            web.get(server.sourceUrl() + "/lookup");
            web.findElement(By.id("message")).sendKeys("axe " + lang);
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype] button")));
            Chromium.await(web, By.id("receipt"));
            assertClean(web, "submitted");
            web.get(server.sourceUrl() + "/fingerprints");
            assertClean(web, "fingerprints");
            web.get(server.sourceUrl() + "/no-such-page");
            assertClean(web, "not-found");
            web.get(server.sourceUrl() + "/lookup");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form.logout button")));
            assertClean(web, "logged-out");
            web.get(server.sourceUrl() + "/login");
            assertClean(web, "login");
            web.findElement(By.id("codename")).sendKeys("wrong words here");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button")));
            assertClean(web, "login-refused");
        }
    }

    @Test
    void consoleLoginInboxAndSource(PosternTestServer server, @Admin Person ada) {
        InboxSeeder.Seeded seeded = new InboxSeeder(server).seed("quiet lark", 2, 2, "urgent", 5);
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            web.get(server.consoleUrl() + "/login");
            assertClean(web, "console login");
            web.findElement(By.id("username")).sendKeys("ada");
            web.findElement(By.id("password")).sendKeys(ada.password());
            web.findElement(By.id("code")).sendKeys(ada.freshCode());
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button[type=submit]")));
            for (String lang : new String[] {"en", "ar"}) {
                web.get(server.consoleUrl() + "/?lang=" + lang);
                assertClean(web, "console inbox " + lang);
                web.get(server.consoleUrl() + "/sources/" + seeded.sourceIds().get(0));
                assertClean(web, "console source " + lang);
            }
        }
    }

    private static void assertClean(WebDriver web, String page) {
        assertThat(Axe.seriousViolations(web)).as("serious or critical axe violations on %s (%s)", page,
                web.getCurrentUrl()).isEmpty();
    }
}
