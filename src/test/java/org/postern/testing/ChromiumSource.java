package org.postern.testing;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A source's first steps in a real Chromium, clicked as a person clicks them, for tests about what comes after:
 * getting a codename, and logging in with one. Either works with script on or off and in every language.
 */
public final class ChromiumSource {

    private ChromiumSource() {
    }

    /**
     * Opens {@code landingUrl} (the source side's landing page, perhaps with {@code ?lang=}), follows its link for
     * new sources, creates the source with the codename shown and waits on the lookup page. Returns the codename,
     * recorded for the leak scan.
     */
    public static String newSource(WebDriver web, String landingUrl) {
        web.get(landingUrl);
        Chromium.clickToNewPage(web, web.findElement(By.cssSelector(".actions a.primary")));
        String codename = Chromium.await(web, By.id("codename")).getText();
        SecretsUsed.record(SecretsUsed.Kind.CODENAME, codename);
        Chromium.clickToNewPage(web, web.findElement(By.cssSelector("main form button[type=submit]")));
        awaitLookup(web);
        return codename;
    }

    /** Logs in with {@code codename} on the login page of the source side at {@code sourceUrl}; waits on lookup. */
    public static void logIn(WebDriver web, String sourceUrl, String codename) {
        web.get(sourceUrl + "/login");
        Chromium.await(web, By.id("codename")).sendKeys(codename);
        Chromium.clickToNewPage(web, web.findElement(By.cssSelector("main form button[type=submit]")));
        awaitLookup(web);
    }

    private static void awaitLookup(WebDriver web) {
        new WebDriverWait(web, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("/lookup"));
        Chromium.await(web, By.id("message"));
    }
}
