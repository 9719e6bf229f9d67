package org.postern.review.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.HostileKeys;
import org.postern.crypto.KeyRejectedException;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.RecipientKeyParser;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.RecipientRegistry;
import org.postern.recipients.VettedKey;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.OperatorKeys;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules around keys, with two admins (so the two-person rule applies) and operator keys added on the
 * command line before the server started. Each test brings its own people and keys.
 */
class KeyVettingRulesTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private static String operatorKey;
    private static String operatorKeyToRemove;

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .beforeStart((server, gpg) -> {
                operatorKey = OperatorKeys.add(server, gpg, "Desk <desk@example.org>");
                operatorKeyToRemove = OperatorKeys.add(server, gpg, "Old desk <old-desk@example.org>");
            });

    /** Two admins from the start: an admin's own key needs the other one. */
    @BeforeAll
    static void twoAdmins(@Admin("ada") Person ada, @Admin("bea") Person bea) {
    }

    @Test
    void anAdminsOwnKeyNeedsAnotherAdmin(GnuPG gpg, @Admin("ada") Person ada, @Admin("bea") Person bea) {
        String fpr = gpg.generateCurve25519("Ada <ada@example.org>");
        KeyConsole.upload(ada, gpg.exportArmored(fpr));

        Page list = ada.browser().get("/admin/keys");
        assertThat(list.document().getElementById("two-person-rule").text()).startsWith("Two-person rule");
        assertThat(KeyConsole.keyOn(list, fpr).select("form[action$=/approve]")).as("no approve button").isEmpty();
        assertThat(KeyConsole.cell(list, fpr, "self-approval")).contains("another admin must approve");

        Page refused = KeyConsole.approve(ada, fpr, true);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().getElementById("key-error").text())
                .startsWith("Two-person rule: another admin must approve your own key");
        assertThat(key(fpr).status()).isEqualTo(KeyStatus.PENDING);

        assertThat(KeyConsole.approve(bea, fpr, true).path()).isEqualTo("/admin/keys?approved");
        assertThat(key(fpr).status()).isEqualTo(KeyStatus.APPROVED);
        assertThat(key(fpr).approvedById()).isEqualTo(accountId("bea"));
    }

    @Test
    void investigatorsCannotReachKeyAdministration(PosternTestServer server, GnuPG gpg, @Admin("ada") Person ada) {
        Person ivy = investigator("ivy");
        Person mo = investigator("mo");
        String mosKey = gpg.generateCurve25519("Mo <mo@example.org>");
        KeyConsole.upload(mo, gpg.exportArmored(mosKey));

        assertThat(ivy.browser().get("/admin/keys").status()).isEqualTo(403);
        assertThat(KeyConsole.postFromHome(ivy, "/admin/keys/" + mosKey + "/approve", Map.of("checked", "yes"))
                .status()).isEqualTo(403);
        assertThat(KeyConsole.postFromHome(mo, "/admin/keys/" + mosKey + "/approve", Map.of("checked", "yes"))
                .status()).as("nor their own").isEqualTo(403);
        assertThat(KeyConsole.postFromHome(ivy, "/admin/keys/" + operatorKey + "/remove", Map.of()).status())
                .isEqualTo(403);
        assertThat(ada.browser().post("/admin/keys/" + mosKey + "/approve", Map.of("checked", "yes")).status())
                .as("without a CSRF token").isEqualTo(403);
        assertThat(key(mosKey).status()).isEqualTo(KeyStatus.PENDING);
        assertThat(registry().find(operatorKey)).isPresent();

        TestBrowser stranger = new TestBrowser(server.consoleUrl());
        assertThat(stranger.get("/keys").path()).isEqualTo("/login");
        assertThat(stranger.get("/admin/keys").path()).isEqualTo("/login");
        assertThat(ivy.browser().get("/").document().select("a[href=/admin/keys]")).isEmpty();
    }

    @Test
    void aDisabledAccountsKeyStopsReceivingSubmissions(PosternTestServer server, GnuPG gpg, @Admin("ada") Person ada) {
        Person pat = investigator("dot");
        String patsKey = gpg.generateCurve25519("Dot <dot@example.org>");
        KeyConsole.upload(pat, gpg.exportArmored(patsKey));
        KeyConsole.approve(ada, patsKey, true);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).contains(patsKey);

        String patsId = server.bean(AccountRepository.class).findByUsername("dot").orElseThrow().id();
        server.bean(org.postern.accounts.AccountAdministration.class).disable(patsId, accountId("ada"));
        JdbcClient jdbc = server.bean(JdbcClient.class);
        assertThat(jdbc.sql("select enabled from account where id = ?").param(patsId).query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("select account_id from recipient_key where fingerprint = ?").param(patsKey)
                .query(String.class).single()).isEqualTo(patsId);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).doesNotContain(patsKey);
    }

    @Test
    void nobodyRemovesAnotherAccountsKeyThroughTheirOwnKeyPage(GnuPG gpg, @Admin("ada") Person ada) {
        Person kim = investigator("kim");
        Person lou = investigator("lou");
        String lousKey = gpg.generateCurve25519("Lou <lou@example.org>");
        KeyConsole.upload(lou, gpg.exportArmored(lousKey));

        for (String target : new String[] {lousKey, operatorKey, "not-a-fingerprint", "0".repeat(40)}) {
            Page refused = KeyConsole.removeOwn(kim, target);
            assertThat(refused.status()).as(target).isEqualTo(404);
            assertThat(refused.document().getElementById("key-error").text()).isEqualTo("There is no such key.");
        }
        assertThat(KeyConsole.removeOwn(ada, lousKey).status()).as("admins too, on this page").isEqualTo(404);
        assertThat(registry().find(lousKey)).isPresent();
        assertThat(registry().find(operatorKey)).isPresent();

        assertThat(KeyConsole.removeOwn(lou, lousKey).path()).isEqualTo("/keys?removed");
        assertThat(registry().find(lousKey)).isEmpty();
    }

    @Test
    void invalidKeysAreRefusedWithTheParsersMessage(PosternTestServer server, GnuPG gpg) {
        Person ned = investigator("ned");
        String[] armored = {
            gpg.exportArmored(gpg.generateSignOnly("Signer <sign@example.org>")),
            gpg.exportArmored(gpg.generateRsa("Weak <weak@example.org>", 2048)),
            gpg.exportArmored(gpg.generateExpired("Old <old@example.org>")),
            "hello, this is not a key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n-----END PGP PRIVATE KEY BLOCK-----"};
        String[] expected = {"no encryption subkey", "at least 3072 bits", "expired on January 2, 2020",
            "not an ASCII-armored OpenPGP public key", "PRIVATE key"};
        for (int i = 0; i < armored.length; i++) {
            Page refused = KeyConsole.upload(ned, armored[i]);
            assertThat(refused.status()).isEqualTo(400);
            String error = refused.document().getElementById("key-error").text();
            // The console writes the day as the reader's language does; the command line keeps ISO dates.
            assertThat(error).isEqualTo("Key refused: " + parserMessage(armored[i])
                    .replace("2020-01-02", "January 2, 2020")).contains(expected[i]);
        }
        assertThat(server.bean(KeyVetting.class).ownedBy(accountId("ned"))).isEmpty();

        Page duplicate = KeyConsole.upload(ned, gpg.exportArmored(operatorKey));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.document().getElementById("key-error").text()).contains("already registered");
    }

    @Test
    void hostileKeysAreRefusedInTheInvestigatorsOwnLanguage(PosternTestServer server) {
        Person fay = investigator("fay");
        String[] armored = {HostileKeys.rsaExponent3(), HostileKeys.x25519SmallOrder(false),
            HostileKeys.expiredWithForgedRenewal()};
        String[] english = {"Key refused: This RSA key's public exponent is 3; Postern accepts only exponents of "
                + "65537 or more, as GnuPG makes them. Make a new key with gpg.",
            "Key refused: This key's encryption subkey is not a usable Curve25519 key (its point is zero or of small "
                + "order), so anyone could read what is encrypted to it. Make a new key with gpg.",
            "Key refused: This key expired on "};
        for (int i = 0; i < armored.length; i++) {
            Page refused = KeyConsole.upload(fay, armored[i]);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.document().getElementById("key-error").text()).startsWith(english[i]);
        }
        server.bean(AccountRepository.class).setLanguage(accountId("fay"), "fr");
        Page french = KeyConsole.upload(fay, armored[0]);
        assertThat(french.document().getElementById("key-error").text())
                .isEqualTo("Clé refusée : L'exposant public de cette clé RSA est 3 ; Postern n'accepte que des "
                        + "exposants d'au moins 65537, comme ceux que produit GnuPG. Créez une nouvelle clé avec gpg.");
        assertThat(server.bean(KeyVetting.class).ownedBy(accountId("fay"))).isEmpty();
    }

    @Test
    void htmlInAKeyUserIdIsShownEscapedEverywhere(PosternTestServer server, GnuPG gpg, @Admin("ada") Person ada) {
        Person eve = investigator("eve");
        String uid = "Eve " + SCRIPT + " <eve@example.org>";
        String fpr = gpg.generateCurve25519(uid);
        Page own = KeyConsole.upload(eve, gpg.exportArmored(fpr));
        Page admin = ada.browser().get("/admin/keys");
        Page approved = KeyConsole.approve(ada, fpr, true);
        assertThat(approved.path()).isEqualTo("/admin/keys?approved");
        Page ownApproved = eve.browser().get("/keys");

        for (Page page : new Page[] {own, admin, approved, ownApproved}) {
            assertThat(page.body()).as(page.path()).doesNotContain(SCRIPT).contains("&lt;script&gt;");
            assertThat(KeyConsole.cell(page, fpr, "uid")).as(page.path()).isEqualTo(uid);
        }
        Page fingerprints = new TestBrowser(server.sourceUrl()).get("/fingerprints");
        assertThat(fingerprints.body()).as("user IDs stay off the source side").doesNotContain("alert(1)")
                .doesNotContain("eve@example.org").contains(Fingerprints.grouped(fpr));
    }

    @Test
    void operatorKeysAreMarkedOperatorAddedAndAnAdminCanRemoveThem(@Admin("ada") Person ada) {
        Page list = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.cell(list, operatorKey, "origin")).isEqualTo("operator-added");
        assertThat(KeyConsole.cell(list, operatorKey, "owner")).isEqualTo("—");
        assertThat(KeyConsole.cell(list, operatorKey, "status")).isEqualTo("approved");
        assertThat(KeyConsole.cell(list, operatorKey, "approval")).startsWith("operator (command line)");
        assertThat(KeyConsole.keyOn(list, operatorKey).text()).contains("Desk <desk@example.org>");

        Page removed = KeyConsole.adminRemove(ada, operatorKeyToRemove);
        assertThat(removed.path()).isEqualTo("/admin/keys?removed");
        assertThat(KeyConsole.keyOn(removed, operatorKeyToRemove)).isNull();
        assertThat(registry().find(operatorKeyToRemove)).isEmpty();
        assertThat(KeyConsole.adminRemove(ada, operatorKeyToRemove).status()).as("gone").isEqualTo(404);
    }

    @Test
    void keysExpiringWithinThirtyDaysAreWarnedAbout(GnuPG gpg, @Admin("ada") Person ada, @Admin("bea") Person bea) {
        Person uma = investigator("uma");
        String fpr = gpg.generateExpiringIn("Uma <uma@example.org>", 20);
        Page own = KeyConsole.upload(uma, gpg.exportArmored(fpr));
        LocalDate expires = registry().find(fpr).orElseThrow().expiresOn();
        assertThat(expires).isBetween(LocalDate.now().plusDays(19), LocalDate.now().plusDays(21));
        // The day is written as the page's language writes days.
        assertThat(KeyConsole.cell(own, fpr, "expiry")).matches(java.time.format.DateTimeFormatter
                .ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH).format(expires) + " \\(in (19|20|21) days\\)");
        // The warning is a sentence, so the date is written as the page's language writes dates.
        assertThat(KeyConsole.cell(own, fpr, "expiry-warning")).contains("stops receiving submissions on "
                + java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH).format(expires));

        assertThat(KeyConsole.approve(bea, fpr, true).path()).isEqualTo("/admin/keys?approved");
        Page admin = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.keyOn(admin, fpr).select(".expiry.warning")).hasSize(1);
        assertThat(ada.browser().get("/").document().getElementById("key-expiry-banner").text())
                .isEqualTo("A recipient key expires within 30 days or has expired");
        assertThat(uma.browser().get("/").document().getElementById("key-expiry-banner")).as("admins only").isNull();

        // A primary key that never expires does not hide a short-lived encryption subkey.
        Person val = investigator("val");
        String subkeyExpiring = gpg.generateSubkeyExpiringIn("Val <val@example.org>", 10);
        Page vals = KeyConsole.upload(val, gpg.exportArmored(subkeyExpiring));
        assertThat(KeyConsole.cell(vals, subkeyExpiring, "expiry")).matches(".* \\(in (9|10|11) days\\)");
    }

    @Test
    void anApprovedKeyThatHasSinceExpiredIsShownAsNotReceiving(PosternTestServer server, GnuPG gpg,
            @Admin("ada") Person ada) {
        // As if approved long ago: the upload path refuses expired keys, so the row is written directly.
        String fpr = gpg.generateExpired("Gone <gone@example.org>");
        server.bean(JdbcClient.class).sql("""
                insert into recipient_key (fingerprint, armored, user_ids, algorithm, expires_on, origin, status, added_on)
                values (?, ?, 'Gone <gone@example.org>', 'ed25519', ?, 'OPERATOR', 'APPROVED', ?)""")
                .params(fpr, gpg.exportArmored(fpr), LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 1)).update();

        Page admin = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.cell(admin, fpr, "expiry")).isEqualTo("expired — not receiving submissions");
        assertThat(KeyConsole.cell(admin, fpr, "status")).isEqualTo("approved, expired");
        assertThat(admin.document().getElementById("key-expiry-banner")).isNotNull();
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).doesNotContain(fpr);
        assertThat(new TestBrowser(server.sourceUrl()).get("/fingerprints").body())
                .doesNotContain(Fingerprints.grouped(fpr));
    }

    @Test
    void theFingerprintsPageListsApprovedKeysOnly(PosternTestServer server, GnuPG gpg, @Admin("ada") Person ada) {
        Person pat = investigator("pat");
        String fpr = gpg.generateCurve25519("Pat <pat@example.org>");
        KeyConsole.upload(pat, gpg.exportArmored(fpr));
        TestBrowser source = new TestBrowser(server.sourceUrl());

        Page before = source.get("/fingerprints");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.text()).contains("publishes these fingerprints in other places");
        assertThat(before.body()).contains(Fingerprints.grouped(operatorKey)).doesNotContain(Fingerprints.grouped(fpr));
        Page landing = source.get("/");
        assertThat(landing.document().select("footer a[href=/fingerprints]")).hasSize(1);
        assertThat(landing.document().select("footer").text()).contains("keeps no record of your visit");

        KeyConsole.approve(ada, fpr, true);
        assertThat(source.get("/fingerprints").body()).contains(Fingerprints.grouped(fpr));
        assertThat(new TestBrowser(server.consoleUrl()).get("/fingerprints").path()).as("not a console route")
                .isEqualTo("/login");
    }

    private static Person investigator(String name) {
        return POSTERN.investigator(name);
    }

    private static String parserMessage(String armored) {
        try {
            POSTERN.server().bean(RecipientKeyParser.class).parse(armored);
            throw new AssertionError("the parser accepted it");
        } catch (KeyRejectedException e) {
            return e.getMessage();
        }
    }

    private static VettedKey key(String fpr) {
        return POSTERN.server().bean(KeyVetting.class).all().stream().filter(k -> k.fingerprint().equals(fpr))
                .findFirst().orElseThrow();
    }

    private static RecipientRegistry registry() {
        return POSTERN.server().bean(RecipientRegistry.class);
    }

    private static String accountId(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }
}
