package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.accounts.AccountRepository;
import org.postern.testing.Chromium;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.InboxSeeder;
import org.postern.testing.PageLayout;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/**
 * The console's main pages in Arabic, in a real Chromium with JavaScript off and a phone-sized window: each page
 * is right to left as a whole, nothing overflows, and the choice is kept with the account, so that it follows
 * the investigator to their next login.
 */
@Tag("browser")
class ConsoleLanguagesInChromiumTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    private static InboxSeeder.Seeded seeded;

    @BeforeAll
    static void seed(PosternTestServer server) {
        seeded = new InboxSeeder(server).seed("calm heron", 3, 2, "urgent", 13);
    }

    @Test
    void mainPagesInArabicAndTheChoiceFollowsTheAccount(PosternTestServer server, @Admin Person ada) {
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            PageLayout.narrow(web);
            web.get(server.consoleUrl() + "/login?lang=ar");
            check(chromium, "login");
            assertThat(web.findElements(By.cssSelector("nav.languages a"))).hasSize(6);
            logIn(web, ada);

            web.get(server.consoleUrl() + "/?lang=ar");
            check(chromium, "inbox");
            String accountId = server.bean(AccountRepository.class).findByUsername("ada").orElseThrow().id();
            assertThat(server.bean(AccountRepository.class).language(accountId)).contains("ar");

            web.get(server.consoleUrl() + "/sources/" + seeded.sourceIds().get(0));
            check(chromium, "source");
            assertThat(web.findElement(By.cssSelector("#designation bdi")).getText())
                    .isEqualTo(seeded.designations().get(0));

            for (String page : List.of("/account", "/keys", "/admin/accounts", "/admin/keys", "/no-such-page")) {
                web.get(server.consoleUrl() + page);
                check(chromium, page.substring(1).replace('/', '-'));
            }
        }
        // A new browser, no choice made in it: the account's language applies once logged in.
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            web.get(server.consoleUrl() + "/login");
            PageLayout.assertLanguage(web, "en", "ltr");
            logIn(web, ada);
            PageLayout.assertLanguage(web, "ar", "rtl");
            // An unknown code changes nothing and is never shown.
            web.get(server.consoleUrl() + "/?lang=xx-evil%3Cb%3E");
            PageLayout.assertLanguage(web, "ar", "rtl");
            assertThat(web.getPageSource()).doesNotContain("xx-evil");
        }
    }

    private static void logIn(WebDriver web, Person ada) {
        web.findElement(By.id("username")).sendKeys("ada");
        web.findElement(By.id("password")).sendKeys(ada.password());
        web.findElement(By.id("code")).sendKeys(ada.freshCode());
        PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button[type=submit]")));
        new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.not(
                ExpectedConditions.urlContains("/login")));
    }

    private static void check(Chromium chromium, String page) {
        WebDriver web = chromium.driver();
        PageLayout.assertLanguage(web, "ar", "rtl");
        PageLayout.assertNoOverflow(web);
        PageLayout.assertMainStartsAtReadingSide(web, true);
        PageLayout.screenshot(chromium, "console-ar-" + page);
    }
}
