package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;

/** Console accounts over real HTTP: setup, invitations, two-factor login, roles, sessions, throttling. */
@Tag("postgresql")
class ConsoleAccountsTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    /** Setup is closed from the first test on: the first admin exists before any test runs. */
    @BeforeAll
    static void firstAdmin(@Admin Person ada) {
    }

    @Test
    void setupIsClosedOnceAnAdminExists(PosternTestServer server) {
        TestBrowser stranger = new TestBrowser(server.consoleUrl());
        assertThat(stranger.get("/setup").status()).isEqualTo(404);
    }

    @Test
    void unauthenticatedVisitorsReachOnlyLoginAndSetup(PosternTestServer server) {
        TestBrowser stranger = new TestBrowser(server.consoleUrl());
        for (String path : new String[] {"/", "/account", "/admin/accounts", "/anything"}) {
            assertThat(stranger.get(path).path()).as(path).isEqualTo("/login");
        }
        assertThat(stranger.get("/login").status()).isEqualTo(200);
        assertThat(stranger.get("/invite/not-a-token").status()).isEqualTo(404);
    }

    @Test
    void investigatorCannotReachAdminPagesOrActions(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Person ivy = accounts.invite(admin, "INVESTIGATOR", "ivy");
        assertThat(ConsoleAccounts.logIn(ivy).path()).isEqualTo("/");
        assertThat(ivy.browser().get("/admin/accounts").status()).isEqualTo(403);
        Page home = ivy.browser().get("/");
        String adminId = server.bean(org.postern.accounts.AccountRepository.class).findByUsername("ada")
                .orElseThrow().id();
        // An investigator trying another account's second factor (the IDOR SecureDrop's audit found).
        Page reset = ivy.browser().post("/admin/accounts/" + adminId + "/reset-second-factor",
                Map.of("_csrf", home.csrfToken()));
        assertThat(reset.status()).isEqualTo(403);
        assertThat(server.bean(org.postern.accounts.AccountRepository.class).findById(adminId).orElseThrow()
                .secondFactorEnrolled()).isTrue();
    }

    @Test
    void unknownUserWrongPasswordAndWrongCodeReadTheSame(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Person bob = accounts.invite(admin, "INVESTIGATOR", "bob");
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        Page unknown = ConsoleAccounts.logIn(browser, "nobody", "x".repeat(20), "123456");
        Page wrongPassword = ConsoleAccounts.logIn(browser, "bob", "not the password at all", bob.freshCode());
        Page wrongCode = ConsoleAccounts.logIn(browser, "bob", bob.password(), "000000");
        for (Page p : new Page[] {unknown, wrongPassword, wrongCode}) {
            assertThat(p.path()).isEqualTo("/login?error");
            assertThat(p.document().getElementById("login-error").text()).isEqualTo("Those details were not accepted.");
        }
    }

    @Test
    void aTotpCodeWorksOnlyOnce(PosternTestServer server, ConsoleAccounts accounts, @Admin Person admin)
            throws Exception {
        Person cy = accounts.invite(admin, "INVESTIGATOR", "cy");
        assertThat(ConsoleAccounts.logIn(cy).path()).isEqualTo("/");
        TestBrowser other = new TestBrowser(server.consoleUrl());
        server.clock().advance(java.time.Duration.ofMillis(2100)); // past the short lock a failure would have set
        Page replay = ConsoleAccounts.logIn(other, cy.username(), cy.password(), cy.spentCode());
        assertThat(replay.path()).isEqualTo("/login?error");
    }

    @Test
    void sessionIdChangesAtLoginAndLogoutNeedsCsrf(ConsoleAccounts accounts, @Admin Person admin) {
        Person dee = accounts.invite(admin, "INVESTIGATOR", "dee");
        TestBrowser browser = dee.browser();
        browser.get("/login");
        String before = sessionCookie(browser);
        ConsoleAccounts.logIn(dee);
        String after = sessionCookie(browser);
        assertThat(after).isNotEqualTo(before);

        Page forged = browser.post("/logout", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(browser.get("/").path()).as("still logged in").isEqualTo("/");
        Page home = browser.get("/");
        assertThat(browser.post("/logout", Map.of("_csrf", home.csrfToken())).path()).startsWith("/login");
        assertThat(browser.get("/").path()).isEqualTo("/login");
    }

    @Test
    void passwordChangeAndDisablingEndEverySession(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Person eve = accounts.invite(admin, "INVESTIGATOR", "eve");
        ConsoleAccounts.logIn(eve);
        TestBrowser second = new TestBrowser(server.consoleUrl());
        assertThat(ConsoleAccounts.logIn(second, eve.username(), eve.password(), eve.freshCode()).path()).isEqualTo("/");

        Page account = eve.browser().get("/account");
        Page changed = eve.browser().post("/account/password", Map.of("_csrf", account.csrfToken(),
                "current", eve.password(), "replacement", "a brand new long passphrase"));
        assertThat(changed.path()).startsWith("/login");
        assertThat(second.get("/").path()).as("the other session ended").startsWith("/login");

        Person fay = accounts.invite(admin, "INVESTIGATOR", "fay");
        ConsoleAccounts.logIn(fay);
        assertThat(fay.browser().get("/").path()).isEqualTo("/");
        String fayId = server.bean(org.postern.accounts.AccountRepository.class).findByUsername("fay").orElseThrow().id();
        Page list = admin.browser().get("/admin/accounts");
        admin.browser().post("/admin/accounts/" + fayId + "/disable", Map.of("_csrf", list.csrfToken()));
        assertThat(fay.browser().get("/").path()).startsWith("/login");
        assertThat(ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "fay", fay.password(), fay.freshCode())
                .path()).isEqualTo("/login?error");
    }

    @Test
    void weakAndCommonPasswordsAreRefusedAtEnrolment(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Page accountsPage = admin.browser().get("/admin/accounts");
        Page invited = admin.browser().post("/admin/accounts/invite", Map.of("_csrf", accountsPage.csrfToken()));
        String link = invited.document().getElementById("link").text();
        String path = link.substring(link.indexOf("/invite/"));
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        Page form = ConsoleAccounts.chooseName(browser, path, null, "gus");
        byte[] secret = ConsoleAccounts.secretOn(form);
        String code = accounts.currentCode(secret);
        Page shortOne = browser.post(path, Map.of("_csrf", form.csrfToken(), "password", "short", "code", code));
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.document().getElementById("enrol-error").text()).contains("at least 12");
        Page common = browser.post(path, Map.of("_csrf", shortOne.csrfToken(), "password", "password1234567",
                "code", code));
        assertThat(common.document().getElementById("enrol-error").text()).contains("common passwords");
        assertThat(common.document().getElementById("suggestion").text().split(" ")).hasSize(6);
    }

    @Test
    void aResetSecondFactorIsReEnrolledThroughAOneTimeLink(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Person hal = accounts.invite(admin, "INVESTIGATOR", "hal");
        ConsoleAccounts.logIn(hal);
        String halId = server.bean(org.postern.accounts.AccountRepository.class).findByUsername("hal").orElseThrow().id();
        Page list = admin.browser().get("/admin/accounts");
        Page reset = admin.browser().post("/admin/accounts/" + halId + "/reset-second-factor",
                Map.of("_csrf", list.csrfToken()));
        String link = reset.document().getElementById("link").text();
        assertThat(hal.browser().get("/").path()).as("the reset ended hal's session").startsWith("/login");

        TestBrowser phone = new TestBrowser(server.consoleUrl());
        String path = link.substring(link.indexOf("/reenrol/"));
        Page form = phone.get(path);
        assertThat(form.document().getElementById("totp-label").text()).as("the app's entry names hal").endsWith(":hal");
        byte[] newSecret = ConsoleAccounts.secretOn(form);
        java.time.Instant now = server.clock().instant();
        Page wrong = phone.post(path, Map.of("_csrf", form.csrfToken(), "password", "not hal's password",
                "code", org.postern.accounts.Totp.codeAt(newSecret, now)));
        assertThat(wrong.status()).isEqualTo(400);
        // The wrong password locked the account for 2 s, as a failed login does.
        server.clock().advance(java.time.Duration.ofMillis(2_500));
        Page done = phone.post(path, Map.of("_csrf", wrong.csrfToken(), "password", hal.password(),
                "code", org.postern.accounts.Totp.codeAt(newSecret, now)));
        assertThat(done.path()).startsWith("/login?enrolled");
        assertThat(phone.get(path).status()).as("the link works once").isEqualTo(404);

        assertThat(ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "hal", hal.password(),
                hal.freshCode()).path()).as("the old authenticator").isEqualTo("/login?error");
    }

    private static String sessionCookie(TestBrowser browser) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("postern_console")).map(java.net.HttpCookie::getValue)
                .findFirst().orElse("");
    }
}
