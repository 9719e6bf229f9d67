package org.postern.review.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.KeyVetting;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/**
 * An admin who gets the other admins disabled still cannot approve their own key alone: admins disabled within
 * the last 7 days count as present for the two-person rule. After that week, the remaining admin is the only one.
 */
class DisabledAdminsStillCountTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void disablingTheOtherAdminDoesNotLetAnAdminApproveTheirOwnKey(PosternTestServer server, GnuPG gpg,
            @Admin("ada") Person ada, @Admin("bob") Person bob) {
        String bobsId = server.bean(AccountRepository.class).findByUsername("bob").orElseThrow().id();
        Page accounts = ada.browser().get("/admin/accounts");
        assertThat(ada.browser().post("/admin/accounts/" + bobsId + "/disable", Map.of("_csrf",
                accounts.csrfToken())).path()).isEqualTo("/admin/accounts?proposed");
        ConsoleAccounts.confirmProposal(bob, "proposal-disable_admin");
        assertThat(server.bean(AccountRepository.class).countAdmins()).as("ada is the only enabled admin").isOne();

        String fpr = gpg.generateCurve25519("Ada <ada@example.org>");
        KeyConsole.upload(ada, gpg.exportArmored(fpr));
        assertThat(ada.browser().get("/admin/keys").document().getElementById("two-person-rule").text())
                .startsWith("Two-person rule");
        Page refused = KeyConsole.approve(ada, fpr, true);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().getElementById("key-error").text()).startsWith("Two-person rule");
        assertThat(status(server, fpr)).isEqualTo(KeyStatus.PENDING);

        server.clock().advance(Duration.ofDays(8));
        ConsoleAccounts.logIn(ada);
        assertThat(KeyConsole.approve(ada, fpr, true).path()).as("a week later, ada is the only admin")
                .isEqualTo("/admin/keys?approved");
        assertThat(status(server, fpr)).isEqualTo(KeyStatus.APPROVED);
    }

    private static KeyStatus status(PosternTestServer server, String fpr) {
        return server.bean(KeyVetting.class).all().stream().filter(k -> k.fingerprint().equals(fpr)).findFirst()
                .orElseThrow().status();
    }
}
