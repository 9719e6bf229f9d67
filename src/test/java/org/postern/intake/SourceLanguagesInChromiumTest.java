package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.audit.AuditActor;
import org.postern.sources.ReplyService;
import org.postern.testing.Chromium;
import org.postern.testing.PageLayout;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;

/**
 * The whole source visit, from the landing page to reading a reply, in a real Chromium with JavaScript off and
 * a phone-sized window, in languages of three scripts and both directions. Each page is checked for its
 * language, its direction, overflow and where its text starts; screenshots are kept under
 * target/screenshots/languages.
 */
@Tag("browser")
class SourceLanguagesInChromiumTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ug, rtl, 'جاۋابلار'", "ar, rtl, 'الردود'", "zh-Hans, ltr, '回复'", "bo, ltr, 'ལན།'"})
    void wholeVisitInOneLanguage(String lang, String dir, String replyHeadingWord, PosternTestServer server) {
        boolean rtl = dir.equals("rtl");
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            PageLayout.narrow(web);
            web.get(server.sourceUrl() + "/?lang=" + lang);
            check(chromium, lang, dir, "landing");
            // The picker names every language in its own script, as plain links.
            List<WebElement> picker = web.findElements(By.cssSelector("nav.languages a"));
            assertThat(picker).hasSize(13);
            assertThat(picker).extracting(a -> a.getAttribute("lang")).contains("ug", "bo", "zh-Hans", "ar", "en");
            assertThat(web.findElement(By.cssSelector("nav.languages a[lang=ug]")).getText()).isEqualTo("ئۇيغۇرچە");

            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector(".actions a.primary")));
            WebElement codenameBox = Chromium.await(web, By.id("codename"));
            String codename = codenameBox.getText();
            SecretsUsed.record(SecretsUsed.Kind.CODENAME, codename);
            check(chromium, lang, dir, "codename");
            assertWordsReadLeftToRight(codenameBox, codename);

            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button")));
            new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("/lookup"));
            check(chromium, lang, dir, "lookup-first");

            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype] button")));
            Chromium.await(web, By.id("problem"));
            check(chromium, lang, dir, "submit-failed");

            web.get(server.sourceUrl() + "/lookup");
            web.findElement(By.id("message")).sendKeys("language walk " + lang);
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype] button")));
            Chromium.await(web, By.id("receipt"));
            check(chromium, lang, dir, "submitted");

            web.get(server.sourceUrl() + "/fingerprints");
            check(chromium, lang, dir, "fingerprints");
            assertThat(web.findElement(By.cssSelector("code.fingerprint")).getAttribute("dir")).isEqualTo("ltr");

            web.get(server.sourceUrl() + "/no-such-page");
            check(chromium, lang, dir, "not-found");

            web.get(server.sourceUrl() + "/lookup");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form.logout button")));
            new WebDriverWait(web, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("logged-out"));
            check(chromium, lang, dir, "logged-out");
            assertThat(web.findElement(By.cssSelector("main .notice")).getText()).doesNotContain("logged out");

            server.bean(ReplyService.class).send(SourceVisit.sourceOf(server, codename).id(), "reply for " + lang,
                    AuditActor.OPERATOR);
            web.get(server.sourceUrl() + "/login");
            web.findElement(By.id("codename")).sendKeys("not a codename at all");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button")));
            Chromium.await(web, By.cssSelector(".notice.error"));
            check(chromium, lang, dir, "login-refused");

            web.findElement(By.id("codename")).sendKeys(codename);
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("main form button")));
            new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("/lookup"));
            check(chromium, lang, dir, "lookup-reply");
            assertThat(web.findElement(By.cssSelector(".replies h2")).getText()).contains(replyHeadingWord);
            assertThat(web.findElement(By.cssSelector(".reply pre")).getText()).isEqualTo("reply for " + lang);
            // The reply's day is written in the page's language, not as an ISO date.
            assertThat(web.findElement(By.cssSelector(".reply .day")).getText()).doesNotMatch(".*\\d{4}-\\d{2}-\\d{2}.*");

            // The session ends (idle limit, restart) with a message typed: the form's answer and the pages after it
            // stay in the visit's language, although the session that held it is gone.
            web.get(server.sourceUrl() + "/lookup");
            web.findElement(By.id("message")).sendKeys("sent too late " + lang);
            web.manage().deleteAllCookies();
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector("form[enctype] button")));
            Chromium.await(web, By.id("session-ended"));
            check(chromium, lang, dir, "session-ended");
            PageLayout.clickToNewPage(web, web.findElement(By.cssSelector(".actions a.primary")));
            Chromium.await(web, By.id("codename"));
            check(chromium, lang, dir, "login-after-session-ended");
        }
    }

    private static void check(Chromium chromium, String lang, String dir, String page) {
        WebDriver web = chromium.driver();
        PageLayout.assertLanguage(web, lang, dir);
        PageLayout.assertNoOverflow(web);
        PageLayout.assertMainStartsAtReadingSide(web, dir.equals("rtl"));
        // Not one English sentence: the page's own words are not the English ones.
        String text = web.findElement(By.tagName("main")).getText();
        assertThat(text).as("%s %s", lang, page).doesNotContain("the ", " you ", " your ", "Nothing was");
        if (lang.equals("ug") || lang.equals("ar")) {
            PageLayout.screenshot(chromium, lang + "-" + page);
        }
    }

    /** Each word sits to the right of the one before it, or on a later line: the codename is never reordered. */
    private static void assertWordsReadLeftToRight(WebElement box, String codename) {
        assertThat(box.getAttribute("dir")).isEqualTo("ltr");
        List<WebElement> words = box.findElements(By.cssSelector(".word"));
        assertThat(words).extracting(WebElement::getText).containsExactly(codename.split(" "));
        for (int i = 1; i < words.size(); i++) {
            Rectangle before = words.get(i - 1).getRect();
            Rectangle after = words.get(i).getRect();
            boolean sameLine = Math.abs(after.getY() - before.getY()) < before.getHeight() / 2;
            if (sameLine) {
                assertThat(after.getX()).as("word %d after word %d", i, i - 1)
                        .isGreaterThanOrEqualTo(before.getX() + before.getWidth());
            } else {
                assertThat(after.getY()).as("word %d on a later line", i).isGreaterThan(before.getY());
            }
        }
    }
}
