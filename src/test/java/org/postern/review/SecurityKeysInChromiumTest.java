package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.testing.Admin;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/**
 * Security keys in a real Chromium with a virtual CTAP2 authenticator (resident keys, user verification): an
 * invited admin enrols a key, logs in with password and key, and requires keys for everyone; then a password
 * and code alone reach the inbox for nobody.
 */
@Tag("browser")
class SecurityKeysInChromiumTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    /** WebAuthn needs a name, not an IP address: the default relying party is localhost. */
    private static String console() {
        return POSTERN.server().consoleUrl().replace("127.0.0.1", "localhost");
    }

    @Test
    void enrolLogInWithKeyThenRequireKeys(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person ada) throws InterruptedException {
        Person ivy = accounts.invite(ada, "ADMIN", "ivy");
        Person kim = accounts.invite(ada, "INVESTIGATOR", "kim");
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            VirtualAuthenticator key = ((HasVirtualAuthenticator) web).addVirtualAuthenticator(
                    new VirtualAuthenticatorOptions()
                            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                            .setHasResidentKey(true)
                            .setHasUserVerification(true)
                            .setIsUserVerified(true)
                            .setIsUserConsenting(true));

            // Password and TOTP as before, then a key named with markup that must stay text.
            logIn(web, ivy, ivy.freshCode());
            assertThat(path(web)).isEqualTo("/");
            web.get(console() + "/account/security-keys");
            Chromium.await(web, By.id("key-label")).sendKeys("<b>blue</b> key");
            web.findElement(By.id("enrol-key-button")).click();
            Chromium.await(web, By.id("key-added"));
            assertThat(key.getCredentials()).hasSize(1);
            assertThat(key.getCredentials().get(0).isResidentCredential()).isTrue();

            // Enrolling ended the session; password plus key logs in, with a new session id.
            web.get(console() + "/account");
            assertThat(path(web)).isEqualTo("/login");
            String before = web.manage().getCookieNamed(ReviewWebApplication.SESSION_COOKIE).getValue();
            logIn(web, ivy, "");
            Chromium.await(web, By.id("key-login-button")).click();
            new WebDriverWait(web, java.time.Duration.ofSeconds(60)).until(ExpectedConditions.urlToBe(console() + "/"));
            assertThat(web.manage().getCookieNamed(ReviewWebApplication.SESSION_COOKIE).getValue()).isNotEqualTo(before);
            web.get(console() + "/account/security-keys");
            assertThat(Chromium.await(web, By.cssSelector("#key-list .key-label")).getText())
                    .isEqualTo("<b>blue</b> key");
            assertThat(web.findElements(By.tagName("b"))).isEmpty();
            assertThat(web.findElement(By.id("key-list")).getText()).doesNotContain("never");

            // The admin requires keys for everyone.
            web.get(console() + "/admin/accounts");
            Chromium.clickToNewPage(web, Chromium.await(web, By.id("toggle-keys-required")));
            assertThat(Chromium.await(web, By.id("keys-required-state")).getText()).contains("required for everyone");

            // Now password and code are refused for an account with a key...
            web.findElement(By.id("logout")).click();
            Chromium.await(web, By.id("username"));
            logIn(web, ivy, ivy.freshCode());
            assertThat(Chromium.await(web, By.id("login-error")).getText()).contains("not accepted");
            web.get(console() + "/");
            assertThat(path(web)).isEqualTo("/login");

            // ...and an account without one can only enrol one: the inbox stays out of reach.
            logIn(web, kim, kim.freshCode());
            assertThat(Chromium.await(web, By.id("key-required")).getText()).contains("requires a security key");
            for (String page : List.of("/", "/keys", "/account")) {
                web.get(console() + page);
                assertThat(path(web)).as(page).isEqualTo("/account/security-keys");
            }
            web.findElement(By.id("logout")).click();
            Chromium.await(web, By.id("username"));

            // The key still works while keys are required, once the short lock from the refused code login above
            // has run out (the clock moves past it, as a person would wait for it).
            awaitUnlocked("ivy");
            logIn(web, ivy, "");
            Chromium.await(web, By.id("key-login-button")).click();
            new WebDriverWait(web, java.time.Duration.ofSeconds(60)).until(ExpectedConditions.urlToBe(console() + "/"));
            web.get(console() + "/keys");
            assertThat(path(web)).isEqualTo("/keys");
        }
        List<AuditAction> actions = server.bean(AuditLog.class).page(0, 200).stream().map(AuditEntry::action)
                .toList();
        assertThat(actions).contains(AuditAction.WEBAUTHN_ENROLLED, AuditAction.SETTINGS_CHANGED);
        assertThat(server.bean(AuditLog.class).page(0, 200).stream()
                .filter(e -> e.action() == AuditAction.LOGIN_SUCCEEDED && "ivy".equals(e.actor())))
                .anyMatch(e -> e.details().equals("@audit.detail.login.securityKey()"));
    }

    /** Moves the server's clock past the short lock a failed attempt set, instead of waiting it out. */
    private static void awaitUnlocked(String username) {
        PosternTestServer server = POSTERN.server();
        java.time.Instant until = server.bean(org.postern.accounts.AccountRepository.class)
                .findByUsername(username).orElseThrow().lockedUntil();
        if (until != null && server.clock().instant().isBefore(until)) {
            server.clock().advance(java.time.Duration.between(server.clock().instant(), until).plusMillis(1));
        }
    }

    private static void logIn(WebDriver web, Person person, String code) {
        web.get(console() + "/login");
        Chromium.await(web, By.id("username")).sendKeys(person.username());
        web.findElement(By.id("password")).sendKeys(person.password());
        if (!code.isEmpty()) {
            web.findElement(By.id("code")).sendKeys(code);
        }
        web.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(web, java.time.Duration.ofSeconds(60))
                .until(d -> !java.net.URI.create(d.getCurrentUrl()).getPath().equals("/login")
                        || java.net.URI.create(d.getCurrentUrl()).getQuery() != null);
    }

    private static String path(WebDriver web) {
        return java.net.URI.create(web.getCurrentUrl()).getPath();
    }
}
