package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.postern.testing.ConsoleAccounts.Person;

/** The console driven in a real Chromium, as a person types into it. */
public final class ConsoleInChromium {

    private ConsoleInChromium() {
    }

    /** Logs the person in through the login form, with a fresh code; fails unless the page names them. */
    public static void logIn(WebDriver web, String consoleUrl, Person person) {
        web.get(consoleUrl + "/login");
        Chromium.await(web, By.id("username")).sendKeys(person.username());
        web.findElement(By.id("password")).sendKeys(person.password());
        web.findElement(By.id("code")).sendKeys(person.freshCode());
        web.findElement(By.cssSelector("form button.primary")).click();
        assertThat(Chromium.await(web, By.id("logout")).getText()).contains(person.username());
    }

    /** Turns in-browser reading on from the account page, where it starts off. */
    public static void turnOnBrowserReading(WebDriver web, String consoleUrl) {
        web.get(consoleUrl + "/account");
        assertThat(Chromium.await(web, By.id("browser-reading-state")).getText()).startsWith("Off");
        Chromium.clickToNewPage(web, Chromium.await(web, By.id("toggle-browser-reading")));
        assertThat(Chromium.await(web, By.id("browser-reading-state")).getText()).startsWith("On");
    }
}
