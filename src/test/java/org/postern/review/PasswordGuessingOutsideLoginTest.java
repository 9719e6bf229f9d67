package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.accounts.Totp;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditLog;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;

/**
 * A password can be guessed only through login's throttle: a re-enrolment link and the password change check
 * it under the same lock, budget and audit, and a re-enrolment link dies after five wrong passwords.
 */
class PasswordGuessingOutsideLoginTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void aReEnrolmentLinkGuessesUnderTheLockoutAndDiesAfterFiveFailures(PosternTestServer server,
            ConsoleAccounts accounts, @Admin Person admin) {
        Person rae = accounts.invite(admin, "INVESTIGATOR", "rae");
        String raeId = server.bean(AccountRepository.class).findByUsername("rae").orElseThrow().id();
        Page list = admin.browser().get("/admin/accounts");
        String link = admin.browser().post("/admin/accounts/" + raeId + "/reset-second-factor",
                Map.of("_csrf", list.csrfToken())).document().getElementById("link").text();
        String path = link.substring(link.indexOf("/reenrol/"));

        TestBrowser guesser = new TestBrowser(server.consoleUrl());
        Page form = guesser.get(path);
        byte[] secret = ConsoleAccounts.secretOn(form);
        for (int i = 0; i < 5; i++) {
            Page wrong = guesser.post(path, Map.of("_csrf", form.csrfToken(), "password", "guess number " + i,
                    "code", Totp.codeAt(secret, Instant.now())));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).as("the generic message").contains("Those details were not accepted.")
                    .doesNotContain("password is not correct");
            form = wrong;
        }
        assertThat(server.bean(AccountRepository.class).findByUsername("rae").orElseThrow().failedLogins())
                .as("failures count against the account, as at login").isPositive();
        assertThat(server.bean(AuditLog.class).page(0, 200)).as("failures are audited")
                .anyMatch(e -> e.action() == AuditAction.LOGIN_FAILED && e.subject().equals("rae")
                        && e.details().equals("@audit.detail.loginFailed.reEnrolment(" + e.detail().orElseThrow()
                                .arguments().get(0) + ")"));
        assertThat(guesser.get(path).status()).as("five failures cancel the link").isEqualTo(404);
        assertThat(rae.password()).isNotBlank();
    }

    @Test
    void changingThePasswordChecksTheCurrentOneUnderTheLockout(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) {
        Person cal = accounts.invite(admin, "INVESTIGATOR", "cal");
        assertThat(ConsoleAccounts.logIn(cal).path()).isEqualTo("/");
        Page account = cal.browser().get("/account");
        Page wrong = cal.browser().post("/account/password", Map.of("_csrf", account.csrfToken(),
                "current", "not the current password", "replacement", "a brand new long passphrase"));
        assertThat(wrong.text()).doesNotContain("brand new");
        assertThat(server.bean(AccountRepository.class).findByUsername("cal").orElseThrow().failedLogins())
                .as("a wrong current password counts as a failed login").isEqualTo(1);
        Page right = cal.browser().post("/account/password", Map.of("_csrf", cal.browser().get("/account")
                .csrfToken(), "current", cal.password(), "replacement", "a brand new long passphrase"));
        assertThat(right.path()).as("the right password during the lock is refused too").startsWith("/account");
        assertThat(server.bean(AuditLog.class).page(0, 200)).noneMatch(e -> e.action() == AuditAction.PASSWORD_CHANGED
                && e.subject().equals("cal"));
    }
}
