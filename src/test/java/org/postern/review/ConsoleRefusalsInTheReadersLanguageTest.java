package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.crypto.HostileKeys;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/**
 * Every way the console refuses what someone typed, pasted or uploaded, with the console in Arabic or French:
 * the page shows the reason in that language and no English sentence, neither one from the English bundle nor
 * one composed in Java.
 */
class ConsoleRefusalsInTheReadersLanguageTest {

    private static final Translations CONSOLE = new Translations("console", Language.CONSOLE);
    private static final Properties ENGLISH = Translations.load("console", Language.EN);
    /** Words no Arabic sentence has, but nearly every English one does. Commands and brand names have none. */
    private static final Pattern ENGLISH_WORDS = Pattern.compile(
            "(?i)\\b(the|this|that|is|not|no|was|has|have|with|your|you|key|refused|already|file|choose|there|"
                    + "must|can|cannot|only|or|and|of|to|a)\\b");

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    private static PosternTestServer server;
    private static GnuPG gpg;
    private static ConsoleAccounts accounts;
    private static Person admin;

    @BeforeAll
    static void start(PosternTestServer running, GnuPG investigatorsGpg, ConsoleAccounts people,
            @Admin Person firstAdmin) {
        server = running;
        gpg = investigatorsGpg;
        accounts = people;
        admin = firstAdmin;
    }

    @Test
    void keyParserAndDuplicateRefusalsAreInArabic() {
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

    static Person investigator(String name, String language) {
        Person person = accounts.invite(admin, "INVESTIGATOR", name);
        ConsoleAccounts.logIn(person);
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
