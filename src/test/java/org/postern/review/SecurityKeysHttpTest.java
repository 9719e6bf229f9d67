package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.accounts.SecurityKeyRequirement;
import org.postern.accounts.SecurityKeys;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditLog;
import org.postern.testing.StoredSecurityKeys;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.web.StrictHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Security keys over plain HTTP: one account cannot remove another's key, every new POST needs its CSRF token,
 * the admin switch is admin-only, the password half of a key login looks the same right or wrong, and the
 * script comes from the console itself under its strict headers.
 */
class SecurityKeysHttpTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    private static String storeKey(String username, String label) {
        return StoredSecurityKeys.store(POSTERN.server().bean(JdbcClient.class), username, label);
    }

    private static String sha384(byte[] bytes) {
        try {
            return "sha384-" + java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-384").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token the page hands its script for the CSRF header. */
    private static String scriptToken(Page page) {
        return page.document().selectFirst("[data-csrf-token]").attr("data-csrf-token");
    }

    private static String idOf(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }

    @Test
    void anotherAccountsKeyCannotBeRemoved(PosternTestServer server, ConsoleAccounts accounts, @Admin Person ada) {
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy-idor");
        Person kim = accounts.invite(ada, "INVESTIGATOR", "kim-idor");
        String ivysKey = storeKey("ivy-idor", "ivy's key");
        assertThat(ConsoleAccounts.logIn(kim).path()).isEqualTo("/");
        Page kimsPage = kim.browser().get("/account/security-keys");
        Page refused = kim.browser().post("/account/security-keys/" + ivysKey + "/remove",
                Map.of("_csrf", kimsPage.csrfToken()));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-idor"))).hasSize(1);

        // Its owner can, and that ends the owner's sessions and is audited.
        assertThat(ConsoleAccounts.logIn(ivy).path()).isEqualTo("/");
        Page ivysPage = ivy.browser().get("/account/security-keys");
        assertThat(ivysPage.document().select("#key-list .key-label").text()).isEqualTo("ivy's key");
        Page removed = ivy.browser().post("/account/security-keys/" + ivysKey + "/remove",
                Map.of("_csrf", ivysPage.csrfToken()));
        assertThat(removed.path()).isEqualTo("/login?key-removed");
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-idor"))).isEmpty();
        assertThat(ivy.browser().get("/").path()).startsWith("/login");
        assertThat(server.bean(AuditLog.class).page(0, 500)).anyMatch(e -> e.action() == AuditAction.WEBAUTHN_REMOVED
                && e.subject().equals("ivy-idor") && e.details().equals("@audit.detail.securityKey(\"ivy's key\")"));
    }

    @Test
    void newPostsNeedTheCsrfToken(PosternTestServer server, ConsoleAccounts accounts, @Admin Person ada) {
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy-csrf");
        String key = storeKey("ivy-csrf", "k");
        assertThat(ConsoleAccounts.logIn(ivy).path()).isEqualTo("/");
        Map<String, String> json = Map.of("Content-Type", "application/json");
        TestBrowser b = ivy.browser();
        assertThat(b.post("/account/security-keys/" + key + "/remove", Map.of()).status()).isEqualTo(403);
        assertThat(b.request("POST", "/webauthn/register/options", json, "{}").status()).isEqualTo(403);
        assertThat(b.request("POST", "/webauthn/register", json, "{}").status()).isEqualTo(403);
        assertThat(b.request("POST", "/webauthn/authenticate/options", json, "{}").status()).isEqualTo(403);
        assertThat(b.request("POST", "/login/webauthn", json, "{}").status()).isEqualTo(403);
        assertThat(ada.browser().post("/admin/accounts/security-keys", Map.of("required", "true")).status())
                .isEqualTo(403);
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-csrf"))).hasSize(1);
        // Spring's JSON delete is off, token or not: removal is the audited form only.
        Page page = b.get("/account/security-keys");
        Page delete = b.request("DELETE", "/webauthn/register/" + key,
                Map.of("X-CSRF-TOKEN", scriptToken(page)), null);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-csrf"))).hasSize(1);
    }

    @Test
    void onlyAnAdminWithAKeyMayRequireKeys(PosternTestServer server, ConsoleAccounts accounts, @Admin Person ada) {
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy-switch");
        assertThat(ConsoleAccounts.logIn(ivy).path()).isEqualTo("/");
        Page home = ivy.browser().get("/");
        Page refused = ivy.browser().post("/admin/accounts/security-keys",
                Map.of("_csrf", home.csrfToken(), "required", "true"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(server.bean(SecurityKeyRequirement.class).isOn()).isFalse();

        Person hal = accounts.invite(ada, "ADMIN", "hal-switch");
        assertThat(ConsoleAccounts.logIn(hal).path()).isEqualTo("/");
        Page accountsPage = hal.browser().get("/admin/accounts");
        Page noKey = hal.browser().post("/admin/accounts/security-keys",
                Map.of("_csrf", accountsPage.csrfToken(), "required", "true"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.text()).contains("Enrol a security key of your own");
        assertThat(server.bean(SecurityKeyRequirement.class).isOn()).isFalse();
    }

    @Test
    void thePasswordHalfLooksTheSameRightOrWrongAndWrongCounts(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person ada) {
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy-half");
        storeKey("ivy-half", "k");
        TestBrowser right = new TestBrowser(server.consoleUrl());
        TestBrowser wrong = new TestBrowser(server.consoleUrl());
        TestBrowser nobody = new TestBrowser(server.consoleUrl());
        Page r = ConsoleAccounts.logIn(right, "ivy-half", ivy.password(), "");
        Page w = ConsoleAccounts.logIn(wrong, "ivy-half", "not the password at all", "");
        Page n = ConsoleAccounts.logIn(nobody, "no-such-person", "not the password at all", "");
        for (Page p : new Page[] {r, w, n}) {
            assertThat(p.path()).isEqualTo("/login/key");
            assertThat(p.document().select("main").text()).isEqualTo(r.document().select("main").text());
        }
        // The key prompt lists no keys for anyone: it cannot tell a right password from a wrong one.
        for (TestBrowser b : new TestBrowser[] {right, wrong}) {
            Page key = b.get("/login/key");
            Page options = b.request("POST", "/webauthn/authenticate/options",
                    Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", scriptToken(key)), "{}");
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.body()).contains("\"challenge\"").doesNotContain("allowCredentials\":[{");
        }
        // Right or wrong, the password step counts (the right one provisionally, until its key); the wrong one
        // may have met the 2 s lock the right one set.
        int afterPasswords = server.bean(AccountRepository.class).findByUsername("ivy-half").orElseThrow()
                .failedLogins();
        assertThat(afterPasswords).isBetween(1, 2);
        // A made-up assertion is refused like any other failure, and nobody is logged in.
        Page key = right.get("/login/key");
        Page bogus = right.request("POST", "/login/webauthn",
                Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", scriptToken(key)),
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"authenticatorData\":\"AAAA\","
                        + "\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{}}");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(right.get("/").path()).startsWith("/login");
        // Exactly one more: the key step is checked once, by the console's own provider alone.
        assertThat(server.bean(AccountRepository.class).findByUsername("ivy-half").orElseThrow().failedLogins())
                .isEqualTo(afterPasswords + 1);
        assertThat(server.bean(AuditLog.class).page(0, 500)).anyMatch(e -> e.action() == AuditAction.LOGIN_FAILED
                && e.subject().equals("ivy-half") && e.details().startsWith("@audit.detail.loginFailed.securityKey("));
    }

    @Test
    void aForgedRegistrationIsRefusedAndStoresNothing(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person ada) {
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy-forged");
        assertThat(ConsoleAccounts.logIn(ivy).path()).isEqualTo("/");
        Page page = ivy.browser().get("/account/security-keys");
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-CSRF-TOKEN", scriptToken(page));
        Page options = ivy.browser().request("POST", "/webauthn/register/options", headers, "{}");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.body()).contains("\"residentKey\":\"required\"", "\"attestation\":\"none\"");
        Page forged = ivy.browser().request("POST", "/webauthn/register", headers,
                "{\"publicKey\":{\"label\":\"forged\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\","
                        + "\"type\":\"public-key\",\"response\":{\"attestationObject\":\"AAAA\","
                        + "\"clientDataJSON\":\"AAAA\",\"transports\":[]},\"clientExtensionResults\":{}}}}");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-forged"))).isEmpty();
        assertThat(server.bean(AuditLog.class).page(0, 500)).noneMatch(e -> e.action() == AuditAction.WEBAUTHN_ENROLLED
                && e.subject().equals("ivy-forged"));
    }

    @Test
    void secondFactorResetRemovesKeys(PosternTestServer server, ConsoleAccounts accounts, @Admin Person ada) {
        accounts.invite(ada, "INVESTIGATOR", "ivy-reset");
        storeKey("ivy-reset", "one");
        storeKey("ivy-reset", "two");
        Page list = ada.browser().get("/admin/accounts");
        ada.browser().post("/admin/accounts/" + idOf("ivy-reset") + "/reset-second-factor",
                Map.of("_csrf", list.csrfToken()));
        assertThat(server.bean(SecurityKeys.class).of(idOf("ivy-reset"))).isEmpty();
    }

    @Test
    void theScriptComesFromTheConsoleUnderStrictHeaders(PosternTestServer server) {
        TestBrowser stranger = new TestBrowser(server.consoleUrl());
        Page script = stranger.get("/console-js/security-keys.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(script.headers().firstValue("Content-Security-Policy")).hasValue(StrictHeaders.CONSOLE_CSP);
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(script.body()).doesNotContain("http://", "https://");
        Page login = stranger.get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.document().select("script")).isEmpty();
        Page key = stranger.get("/login/key");
        assertThat(key.document().select("script").attr("src")).isEqualTo("/console-js/security-keys.js");
        assertThat(key.document().select("script").html()).isEmpty();
        // The page names the exact bytes the console serves, so the browser refuses any other script.
        byte[] served = stranger.download("/console-js/security-keys.js").body();
        assertThat(key.document().select("script").attr("integrity")).isEqualTo(sha384(served));
        // Spring's own pages and script (inline code) are not served.
        Page springScript = stranger.get("/login/webauthn.js");
        assertThat(springScript.path()).isEqualTo("/login");
        assertThat(springScript.body()).doesNotContain("navigator.credentials");
        assertThat(stranger.get("/webauthn/register").path()).isEqualTo("/login");
    }
}
