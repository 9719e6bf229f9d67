package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.crypto.HostileKeys;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.postern.sources.RetentionSettings;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every way the console refuses what someone typed, pasted or uploaded, with the console in Arabic or French:
 * the page shows the reason in that language and no English sentence, neither one from the English bundle nor
 * one composed in Java.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRefusalsInTheReadersLanguageTest {

    private static final Translations CONSOLE = new Translations("console", Language.CONSOLE);
    private static final Properties ENGLISH = Translations.load("console", Language.EN);
    /** Words no Arabic sentence has, but nearly every English one does. Commands and brand names have none. */
    private static final Pattern ENGLISH_WORDS = Pattern.compile(
            "(?i)\\b(the|this|that|is|not|no|was|has|have|with|your|you|key|refused|already|file|choose|there|"
                    + "must|can|cannot|only|or|and|of|to|a)\\b");

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey()
            .onions("e".repeat(56) + ".onion", "f".repeat(56) + ".onion").authorizedClients();


    /** First: the checklist shows only while the inbox is empty. */
    @Test
    @Order(1)
    void theFirstRunChecklistIsInArabic(@Admin Person admin) {
        Page inbox = admin.browser().get("/?lang=ar");
        assertThat(inbox.document().getElementById("first-run")).as(inbox.text()).isNotNull();
        String steps = inbox.document().select("#first-run li").text();
        assertThat(steps).contains(ar("checklist.admin"), ar("checklist.recipientKey"), ar("checklist.onions"),
                ar("checklist.device"), ar("nav.accounts"), ar("nav.devices"));
        assertNoEnglish(steps);
    }

    @Test
    @Order(2)
    void keyParserAndDuplicateRefusalsAreInArabic(GnuPG gpg, @Admin Person admin) {
        Person rania = investigator("rania", "ar");
        String signOnly = gpg.exportArmored(gpg.generateSignOnly("Signer <sign@example.org>"));
        String[] armored = {"", "hello, this is not a key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n-----END PGP PRIVATE KEY BLOCK-----", signOnly,
            gpg.exportArmored(gpg.generateRsa("Weak <weak@example.org>", 2048)),
            gpg.exportArmored(gpg.generateExpired("Old <old@example.org>")), HostileKeys.rsaExponent3()};
        String[] expected = {ar("keyRefused.noKey"), ar("keyRefused.notAKey"), ar("keyRefused.privateKey"),
            ar("keyRefused.noEncryptionSubkey"), ar("keyRefused.rsaTooShort", 3072, 2048),
            ar("keyRefused.expired", Formats.day(LocalDate.of(2020, 1, 2), Language.AR)),
            ar("keyRefused.rsaExponent", isolated("3"))};
        for (int i = 0; i < armored.length; i++) {
            Page refused = upload(rania, armored[i]);
            assertThat(refused.status()).as(expected[i]).isEqualTo(400);
            String error = error(refused, "key-error");
            assertThat(error).isEqualTo(ar("myKey.refused", expected[i]));
            assertNoEnglish(error);
        }

        String adminsKey = gpg.generateCurve25519("Ada <ada@example.org>");
        assertThat(upload(admin, gpg.exportArmored(adminsKey)).path()).isEqualTo("/keys?uploaded");
        Page duplicate = upload(rania, gpg.exportArmored(adminsKey));
        assertThat(duplicate.status()).isEqualTo(409);
        String error = error(duplicate, "key-error");
        assertThat(error).isEqualTo(ar("keyRefused.duplicateOfAccount", isolated(adminsKey),
                isolated(admin.username())));
        assertNoEnglish(error.replace(adminsKey, "").replace(admin.username(), ""));
    }

    @Test
    @Order(3)
    void adminRefusalsAreInArabic(@Admin Person admin) {
        admin.browser().get("/?lang=ar");
        Page accountsPage = admin.browser().get("/admin/accounts");
        String csrf = accountsPage.csrfToken();

        Page role = admin.browser().post("/admin/accounts/invite", Map.of("_csrf", csrf, "role", "BOSS"));
        assertRefusal(role, 400, "p.error", ar("accounts.refused.role"));
        Page nobody = admin.browser().post("/admin/accounts/" + "0".repeat(32) + "/enable", Map.of("_csrf", csrf));
        assertRefusal(nobody, 400, "p.error", ar("accounts.refused.noSuchAccount"));
        Page self = admin.browser().post("/admin/accounts/" + "0".repeat(32) + "/disable", Map.of("_csrf", csrf));
        assertRefusal(self, 400, "p.error", ar("accounts.refused.cannotDisable"));
        Page keysFirst = admin.browser().post("/admin/accounts/security-keys",
                Map.of("_csrf", csrf, "required", "true"));
        assertRefusal(keysFirst, 400, "p.error", ar("accounts.refused.ownSecurityKeyFirst"));

        Page badName = admin.browser().post("/admin/devices/add", Map.of("_csrf", csrf, "name", "../etc"));
        assertRefusal(badName, 400, "#device-error", ar("devices.refused.name"));
        Page noDevice = admin.browser().post("/admin/devices/revoke", Map.of("_csrf", csrf, "name", "nobody"));
        assertRefusal(noDevice, 404, "#device-error", ar("devices.refused.noSuchDevice"));
        admin.browser().post("/admin/devices/add", Map.of("_csrf", csrf, "name", "twice"));
        Page twice = admin.browser().post("/admin/devices/add", Map.of("_csrf", csrf, "name", "twice"));
        assertRefusal(twice, 409, "#device-error", ar("devices.refused.exists"));

        Page days = admin.browser().post("/admin/retention", Map.of("_csrf", csrf, "days", "forever"));
        assertRefusal(days, 400, "#retention-error", ar("retention.refused", RetentionSettings.MAX_DAYS));

        Page longName = admin.browser().post("/admin/organization", Map.of("_csrf", csrf, "name", "n".repeat(101),
                "introduction", "", "instructions", ""));
        assertRefusal(longName, 400, "#organization-error", ar("orgAdmin.refused.name", 100));
        Page longText = admin.browser().post("/admin/organization", Map.of("_csrf", csrf, "name", "",
                "introduction", "i".repeat(1001), "instructions", ""));
        assertRefusal(longText, 400, "#organization-error", ar("orgAdmin.refused.text", 1000));

        String[][] logos = {{"notes.txt", "this is not an image"}, {"empty.png", ""}};
        String[] logoKeys = {"logo.refused.notImage", "logo.refused.choose"};
        for (int i = 0; i < logos.length; i++) {
            String boundary = "----refusal" + i;
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\""
                    + logos[i][0] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + logos[i][1] + "\r\n--"
                    + boundary + "--\r\n";
            Page logo = admin.browser().request("POST", "/admin/organization/logo",
                    Map.of("Content-Type", "multipart/form-data; boundary=" + boundary, "X-CSRF-TOKEN", csrf), body);
            assertRefusal(logo, 400, "#logo-error", ar(logoKeys[i]));
        }
        Page notAForm = admin.browser().request("POST", "/admin/organization/logo",
                Map.of("Content-Type", "text/plain", "X-CSRF-TOKEN", csrf), "logo");
        assertRefusal(notAForm, 400, "#logo-error", ar("logo.refused.form"));
    }

    @Test
    @Order(4)
    void investigatorRefusalsAndBrowserRepliesAreInArabic(PosternTestServer server) {
        Person samir = investigator("samir", "ar");
        Page account = samir.browser().get("/account");
        String csrf = account.csrfToken();
        Page address = samir.browser().post("/account/notifications", Map.of("_csrf", csrf, "address", "not mail"));
        assertRefusal(address, 400, "#notification-error", ar("notify.refused.address"));
        Page noKey = samir.browser().post("/account/security-keys/AAAA/remove", Map.of("_csrf", csrf));
        assertRefusal(noKey, 404, "#keys-error", ar("securityKeys.noSuchKey"));

        String sourceId = SourceVisit.newSource(server).submit("hello", List.of()).source().id();
        Page source = samir.browser().get("/sources/" + sourceId);
        Page off = samir.browser().request("POST", "/sources/" + sourceId + "/browser-reply",
                Map.of("Content-Type", "application/pgp-encrypted", "X-CSRF-TOKEN", source.csrfToken()),
                "not a message");
        assertThat(off.status()).isEqualTo(403);
        assertThat(message(off)).isEqualTo(ar("browserReply.off"));
        assertNoEnglish(message(off));

        samir.browser().post("/account/browser-reading", Map.of("_csrf", csrf, "on", "true"));
        source = samir.browser().get("/sources/" + sourceId);
        Page garbage = samir.browser().request("POST", "/sources/" + sourceId + "/browser-reply",
                Map.of("Content-Type", "application/pgp-encrypted", "X-CSRF-TOKEN", source.csrfToken()),
                "not a message");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(message(garbage)).isIn(ar("browserReply.refused", ar("browserReply.malformed")),
                ar("browserReply.refused", ar("browserReply.unexpectedPacket")),
                ar("browserReply.refused", ar("browserReply.noData")));
        assertNoEnglish(message(garbage));
    }

    /** Last: it breaks the audit chain for good. */
    @Test
    @Order(5)
    void aBrokenAuditChainIsExplainedInArabic(PosternTestServer server, @Admin Person admin) {
        server.bean(JdbcClient.class).sql("delete from audit_entry where seq = 2").update();
        Page audit = admin.browser().get("/admin/audit?lang=ar");
        String status = error(audit, "audit-status");
        assertThat(status).isEqualTo(ar("audit.broken", 2L, ar("audit.brokenReason.gap", 3L)));
        assertNoEnglish(status.replace("audit_head", ""));
    }

    private static String message(Page json) {
        return JsonMapper.builder().build().readTree(json.body()).get("message").asString();
    }

    private static void assertRefusal(Page page, int status, String selector, String expected) {
        assertThat(page.status()).as("%s: %s", page.path(), page.text()).isEqualTo(status);
        var shown = page.document().selectFirst(selector);
        assertThat(shown).as("%s on %s: %s", selector, page.path(), page.text()).isNotNull();
        if (!expected.isEmpty()) {
            assertThat(shown.text()).isEqualTo(expected);
        }
        assertNoEnglish(shown.text());
    }

    static Person investigator(String name, String language) {
        Person person = POSTERN.investigator(name);
        assertThat(person.browser().get("/?lang=" + language).document().selectFirst("html").attr("lang"))
                .isEqualTo(language);
        return person;
    }

    static Page upload(Person person, String armored) {
        Page keys = person.browser().get("/keys");
        return person.browser().post("/keys", Map.of("_csrf", keys.csrfToken(), "armored", armored));
    }

    static String error(Page page, String id) {
        assertThat(page.document().getElementById(id)).as("#%s on %s: %s", id, page.path(), page.text()).isNotNull();
        return page.document().getElementById(id).text();
    }

    static String ar(String key, Object... arguments) {
        return CONSOLE.text(Language.AR, key, arguments);
    }

    static String fr(String key, Object... arguments) {
        return CONSOLE.text(Language.FR, key, arguments);
    }

    static String isolated(String text) {
        return Formats.isolate(text, Language.AR);
    }

    /** Fails on any English sentence of the bundle, and on any English word outside commands and names. */
    static void assertNoEnglish(String text) {
        for (String english : ENGLISH.stringPropertyNames()) {
            String sentence = ENGLISH.getProperty(english);
            if (!sentence.contains("{") && sentence.split(" ").length > 3) {
                assertThat(text).as(english).doesNotContain(sentence);
            }
        }
        String words = text.replaceAll("gpg( --[a-z-]+)*", "");
        Matcher english = ENGLISH_WORDS.matcher(words);
        assertThat(english.find()).as("English in: %s", text).isFalse();
    }
}
