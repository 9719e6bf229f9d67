package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.SecurityKeys;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.audit.AuditVerification;
import org.postern.audit.AuditVerifier;
import org.postern.audit.LegacyAuditEntries;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.postern.testing.StoredSecurityKeys;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log page with the console in Arabic: entries the console writes for a failed login, an invitation,
 * a reply, a download, settings and an unnamed security key read as Arabic sentences, with names isolated, and
 * no English; an entry written before details were structured still shows as it was, and the chain verifies.
 */
class AuditLogInTheReadersLanguageTest {

    private static final Translations CONSOLE = new Translations("console", Language.CONSOLE);
    private static final String LEGACY = "failure 2, with code";
    /** Words no Arabic sentence has, but nearly every English detail does. */
    private static final Pattern ENGLISH_WORDS = Pattern.compile(
            "(?i)\\b(with|by|for|failure|reply|replies|submission|submissions|key|kept|stored|files|invited|keep|"
                    + "days|changed|name|as|an|a|the|admin|investigator|code|on|off|recorded|encrypted)\\b");

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void entriesReadInArabicAndAnOlderEntryStillShows(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person ada) {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        long legacy = LegacyAuditEntries.append(jdbc, server.clock().instant(), ada.username(),
                AuditAction.LOGIN_FAILED, ada.username(), LEGACY);

        Person nadia = accounts.invite(ada, "INVESTIGATOR", "nadia");
        assertThat(ConsoleAccounts.logIn(nadia).path()).isEqualTo("/");
        Page refused = ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "nadia", "not her password",
                "000000");
        assertThat(refused.path()).startsWith("/login");

        assertThat(ada.browser().get("/?lang=ar").document().selectFirst("html").attr("dir")).isEqualTo("rtl");
        String sourceId = SourceVisit.newSource(server).submit("hello", List.of()).source().id();
        Page source = ada.browser().get("/sources/" + sourceId);
        assertThat(ada.browser().post("/sources/" + sourceId + "/reply", Map.of("_csrf", source.csrfToken(),
                "text", "a reply")).status()).isEqualTo(200);
        assertThat(ada.browser().download("/sources/" + sourceId + "/submissions/1/download").status())
                .isEqualTo(200);
        Page retention = ada.browser().get("/admin/retention");
        assertThat(ada.browser().post("/admin/retention", Map.of("_csrf", retention.csrfToken(), "days", "30"))
                .status()).isEqualTo(200);
        Page organization = ada.browser().get("/admin/organization");
        assertThat(ada.browser().post("/admin/organization", Map.of("_csrf", organization.csrfToken(),
                "name", "Redaktion", "introduction", "", "instructions", "")).status()).isEqualTo(200);

        String unnamed = storeKey(jdbc, "nadia", SecurityKeys.cleanLabel("   "));
        nadia.browser().get("/?lang=ar");
        Page keys = nadia.browser().get("/account/security-keys");
        assertThat(keys.document().select("#key-list .key-label").text()).isEqualTo(ar("keys.unnamed"));
        assertThat(nadia.browser().post("/account/security-keys/" + unnamed + "/remove",
                Map.of("_csrf", keys.csrfToken())).path()).isEqualTo("/login?key-removed");

        // As the retention job records it.
        server.bean(AuditLog.class).record(AuditEvent.bySystem(AuditAction.RETENTION_DELETED, "unsubmitted sources",
                AuditDetail.of("audit.detail.neverSent", 2)));

        Page audit = ada.browser().get("/admin/audit");
        assertThat(audit.status()).isEqualTo(200);
        String who = isolated(ada.username());
        assertThat(details(audit, AuditAction.INVITATION_USED)).contains(ar("audit.detail.invitedBy", who));
        assertThat(details(audit, AuditAction.ACCOUNT_CREATED)).contains(ar("audit.detail.role.INVESTIGATOR"));
        assertThat(details(audit, AuditAction.LOGIN_FAILED)).contains(ar("audit.detail.loginFailed.code", 1L));
        assertThat(details(audit, AuditAction.LOGIN_SUCCEEDED)).contains(ar("audit.detail.login.code"));
        assertThat(details(audit, AuditAction.REPLY_SENT)).containsExactly(ar("audit.detail.reply", 1L));
        assertThat(details(audit, AuditAction.SUBMISSION_DOWNLOADED)).containsExactly(
                ar("audit.detail.submission", 1L));
        assertThat(details(audit, AuditAction.SETTINGS_CHANGED)).containsExactlyInAnyOrder(
                ar("audit.detail.keepDays", 30L), ar("audit.detail.organizationChanged", ar("audit.term.name")));
        assertThat(details(audit, AuditAction.WEBAUTHN_REMOVED)).containsExactly(ar("audit.detail.securityKeyUnnamed"));
        assertThat(details(audit, AuditAction.RETENTION_DELETED)).containsExactly(ar("audit.detail.neverSent", 2L));
        assertThat(cells(audit, AuditAction.RETENTION_DELETED, 4)).extracting(Element::text)
                .containsExactly(ar("audit.subject.unsubmittedSources"));
        assertThat(cells(audit, AuditAction.RETENTION_DELETED, 2)).extracting(Element::text)
                .containsExactly(ar("audit.actor.system"));
        assertThat(cells(audit, AuditAction.INVITATION_CREATED, 4)).extracting(Element::text)
                .containsExactly(ar("role.INVESTIGATOR"));
        assertThat(cells(audit, AuditAction.SETTINGS_CHANGED, 4)).extracting(Element::text)
                .containsExactlyInAnyOrder(ar("audit.subject.retention"), ar("audit.subject.organization"));

        List<Element> sentences = new ArrayList<>();
        for (Element row : audit.document().select("#audit tbody tr")) {
            Element details = row.select("td").get(5);
            if (!row.select("td").get(0).text().equals(Long.toString(legacy)) && !details.text().isEmpty()) {
                sentences.add(details);
            }
        }
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(10);
        for (Element details : sentences) {
            String text = details.text().replace(who, "").replace(ada.username(), "");
            assertThat(details.hasAttr("lang")).as(text).isFalse();
            assertThat(text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC))
                    .as("an Arabic sentence: %s", text).isTrue();
            assertThat(ENGLISH_WORDS.matcher(text).find()).as("English in: %s", text).isFalse();
        }

        Element older = audit.document().select("#audit tbody tr").stream()
                .filter(row -> row.select("td").get(0).text().equals(Long.toString(legacy))).findFirst().orElseThrow();
        Element olderDetails = older.select("td").get(5);
        assertThat(olderDetails.text()).as("an older entry shows as it was written").isEqualTo(LEGACY);
        assertThat(olderDetails.attr("lang")).isEqualTo("en");
        assertThat(olderDetails.attr("dir")).isEqualTo("ltr");

        AuditVerification verification = server.bean(AuditVerifier.class).verify();
        assertThat(verification.intact()).as(verification.reason()).isTrue();
        assertThat(audit.document().getElementById("audit-status").text())
                .isEqualTo(ar("audit.intact", verification.entries(), verification.lastHash()));
        List<AuditEntry> entries = server.bean(AuditLog.class).page(0, 500);
        assertThat(entries).filteredOn(e -> e.seq() == legacy).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEmpty());
        assertThat(entries).filteredOn(e -> e.seq() != legacy && !e.details().isEmpty())
                .allSatisfy(e -> assertThat(e.detail()).as(e.details()).isPresent());
    }

    /** The details column of the rows for {@code action}. */
    private static List<String> details(Page audit, AuditAction action) {
        return cells(audit, action, 5).stream().map(Element::text).toList();
    }

    private static List<Element> cells(Page audit, AuditAction action, int column) {
        return audit.document().select("#audit tbody tr").stream()
                .filter(row -> row.select("td").get(3).selectFirst("code").text().equals(action.name()))
                .map(row -> row.select("td").get(column)).toList();
    }

    private static String storeKey(JdbcClient jdbc, String username, String label) {
        assertThat(label).as("a key left unnamed is stored with no English name").isEmpty();
        return StoredSecurityKeys.store(jdbc, username, label);
    }

    private static String ar(String key, Object... arguments) {
        return CONSOLE.text(Language.AR, key, arguments);
    }

    private static String isolated(String text) {
        return Formats.isolate(text, Language.AR);
    }
}
