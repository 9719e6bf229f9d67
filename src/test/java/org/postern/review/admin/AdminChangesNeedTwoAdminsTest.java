package org.postern.review.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The two-person rule for the admins themselves, over HTTP: while two or more admins are enabled, disabling,
 * enabling or inviting an admin waits until another admin confirms it, the proposer cannot confirm it, and the
 * other admins are told by e-mail, without names, when an admin is disabled.
 */
class AdminChangesNeedTwoAdminsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .mailTo(() -> MAIL.getSmtp().getPort());

    /** Three admins from the start, so that every change below falls under the two-person rule. */
    @BeforeAll
    static void threeAdmins(@Admin("ada") Person ada, @Admin("bob") Person bob, @Admin("cyd") Person cyd) {
    }

    @Test
    void anAdminInvitationWaitsForAnotherAdminWhoSeesTheLink(@Admin("ada") Person ada, @Admin("bob") Person bob) {
        Page proposed = post(ada, "/admin/accounts/invite", Map.of("role", "ADMIN"));
        assertThat(proposed.path()).isEqualTo("/admin/accounts?proposed");
        assertThat(proposed.document().getElementById("link")).as("no link for the proposer").isNull();
        assertThat(proposed.document().getElementById("proposed")).isNotNull();

        var row = proposed.document().selectFirst("tr.proposal-invite_admin");
        assertThat(row).isNotNull();
        assertThat(row.select("form[action$=/confirm]")).as("no confirm button for the proposer").isEmpty();
        String confirm = row.selectFirst("form[action$=/cancel]").attr("action").replace("/cancel", "/confirm");

        Page own = post(ada, confirm, Map.of());
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.document().getElementById("proposal-error").text())
                .isEqualTo("You proposed this change yourself; another admin must confirm it.");
        assertThat(own.document().getElementById("link")).isNull();

        Page confirmed = ConsoleAccounts.confirmProposal(bob, "proposal-invite_admin");
        assertThat(confirmed.status()).isEqualTo(200);
        String link = confirmed.document().getElementById("link").text();
        assertThat(link).contains("/invite/");
        assertThat(bob.browser().get(link.substring(link.indexOf("/invite/"))).status()).isEqualTo(200);

        assertThat(lastEntries(3)).containsExactly("ada ADMIN_CHANGE_PROPOSED", "bob ADMIN_CHANGE_CONFIRMED",
                "bob INVITATION_CREATED");
        assertThat(post(bob, confirm, Map.of()).status()).as("carried out once").isEqualTo(400);
    }

    @Test
    void disablingAnAdminWaitsAndTheOtherAdminsAreToldWithoutNames(PosternTestServer server,
            @Admin("ada") Person ada, @Admin("bob") Person bob, @Admin("cyd") Person cyd, @Admin("dan") Person dan,
            @Investigator("ivy") Person ivy) throws Exception {
        for (Person person : List.of(ada, bob, cyd, dan, ivy)) {
            Page account = person.browser().get("/account");
            person.browser().post("/account/notifications", Map.of("_csrf", account.csrfToken(),
                    "address", person.username() + "@newsroom.example"));
        }
        MAIL.purgeEmailFromAllMailboxes();
        String dansId = idOf("dan");

        assertThat(post(ada, "/admin/accounts/" + dansId + "/disable", Map.of()).path())
                .isEqualTo("/admin/accounts?proposed");
        assertThat(enabled(dansId)).as("not yet").isTrue();
        assertThat(dan.browser().get("/admin/accounts").status()).isEqualTo(200);
        Page cydsView = cyd.browser().get("/admin/accounts");
        assertThat(cydsView.document().selectFirst("tr.proposal-disable_admin").attr("data-target")).isEqualTo("dan");

        ConsoleAccounts.confirmProposal(cyd, "proposal-disable_admin");
        assertThat(enabled(dansId)).isFalse();
        assertThat(dan.browser().get("/admin/accounts").path()).as("dan's session ended").startsWith("/login");

        assertThat(MAIL.waitForIncomingEmail(20_000, 3)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).extracting(m -> m.getAllRecipients()[0].toString()).containsExactlyInAnyOrder(
                "ada@newsroom.example", "bob@newsroom.example", "cyd@newsroom.example");
        for (MimeMessage mail : received) {
            assertThat(mail.getSubject()).isEqualTo("An admin account was disabled");
            String body = GreenMailUtil.getBody(mail);
            assertThat(body).startsWith("An admin account was disabled in the review console.");
            assertThat(GreenMailUtil.getWholeMessage(mail)).as("does not name who was disabled").doesNotContain("dan");
            for (String name : List.of("ada", "cyd", "bob")) {
                assertThat(body).as("nor who did it").doesNotContain(name);
            }
            assertThat(body).doesNotContainPattern("[0-9]{1,2}:[0-9]{2}").doesNotContainPattern("20[0-9]{2}");
        }
        assertThat(disabledOn(dansId)).as("the day only").isEqualTo(server.bean(org.postern.recipients.KeyVetting.class)
                .today());

        MAIL.purgeEmailFromAllMailboxes();
        assertThat(post(ada, "/admin/accounts/" + dansId + "/enable", Map.of()).path())
                .isEqualTo("/admin/accounts?proposed");
        assertThat(enabled(dansId)).as("enabling an admin waits too").isFalse();
        ConsoleAccounts.confirmProposal(bob, "proposal-enable_admin");
        assertThat(enabled(dansId)).isTrue();
        assertThat(disabledOn(dansId)).isNull();

        String ivysId = idOf("ivy");
        assertThat(post(ada, "/admin/accounts/" + ivysId + "/disable", Map.of()).path())
                .as("an investigator needs no second admin").isEqualTo("/admin/accounts");
        assertThat(enabled(ivysId)).isFalse();
        assertThat(post(ada, "/admin/accounts/" + ivysId + "/enable", Map.of()).path()).isEqualTo("/admin/accounts");
        assertThat(enabled(ivysId)).isTrue();
        Thread.sleep(500);
        assertThat(MAIL.getReceivedMessages()).as("no notice for an investigator, nor for enabling").isEmpty();
    }

    @Test
    void aProposalCanBeWithdrawnAndThenNothingHappens(@Admin("ada") Person ada, @Admin("bob") Person bob,
            @Admin("cyd") Person cyd, @Admin("eve") Person eve) {
        String evesId = idOf("eve");
        post(ada, "/admin/accounts/" + evesId + "/disable", Map.of());
        Page view = bob.browser().get("/admin/accounts");
        String cancel = view.document().selectFirst("tr.proposal-disable_admin[data-target=eve] form[action$=/cancel]")
                .attr("action");
        assertThat(post(bob, cancel, Map.of()).path()).isEqualTo("/admin/accounts");
        assertThat(lastEntries(1)).containsExactly("bob ADMIN_CHANGE_CANCELLED");

        Page gone = post(cyd, cancel.replace("/cancel", "/confirm"), Map.of());
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.document().getElementById("proposal-error").text()).startsWith("This proposal no longer exists");
        assertThat(enabled(evesId)).isTrue();
        assertThat(eve.browser().get("/admin/accounts").status()).isEqualTo(200);
    }

    private static Page post(Person person, String path, Map<String, String> fields) {
        Page accounts = person.browser().get("/admin/accounts");
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", accounts.csrfToken());
        return person.browser().post(path, form);
    }

    private static String idOf(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }

    private static boolean enabled(String id) {
        return POSTERN.server().bean(AccountRepository.class).findById(id).orElseThrow().enabled();
    }

    private static java.time.LocalDate disabledOn(String id) {
        return POSTERN.server().bean(JdbcClient.class).sql("select disabled_on from account where id = ?").param(id)
                .query((rs, row) -> rs.getObject(1, java.time.LocalDate.class)).list().get(0);
    }

    private static List<String> lastEntries(int n) {
        List<String> all = POSTERN.server().bean(JdbcClient.class)
                .sql("select actor, action from audit_entry order by seq")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list();
        return all.subList(all.size() - n, all.size());
    }
}
