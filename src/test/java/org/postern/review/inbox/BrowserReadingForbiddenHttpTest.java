package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.sources.ReplyRepository;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;

/**
 * The organisation's switch over real HTTP: with {@code browser-decryption=forbidden} nobody can turn in-browser
 * reading on, the source page loads no script, and the endpoints for browser-encrypted replies refuse.
 */
class BrowserReadingForbiddenHttpTest {

    /** Sources can submit once there is a recipient: a key added on the command line. */
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension
            .withSettings("--postern.console.browser-decryption=forbidden").recipientKey();

    @Test
    void forbiddenMeansNoOptInNoScriptAndNoBrowserReplies(PosternTestServer server, @Admin Person ada) {
        String sourceId = SourceVisit.newSource(server).submit("hello", List.of()).source().id();

        Page account = ada.browser().get("/account");
        assertThat(account.document().getElementById("browser-reading-forbidden")).isNotNull();
        assertThat(account.document().getElementById("toggle-browser-reading")).isNull();
        ada.browser().post("/account/browser-reading", Map.of("_csrf", account.csrfToken(), "on", "true"));
        assertThat(ada.browser().get("/admin/accounts").document().select(".browser-reading-user")).isEmpty();

        Page source = ada.browser().get("/sources/" + sourceId);
        assertThat(source.document().select("script")).isEmpty();
        assertThat(ada.browser().get("/sources/" + sourceId + "/browser-reply/keys").status()).isEqualTo(403);
        Page refused = ada.browser().request("POST", "/sources/" + sourceId + "/browser-reply",
                Map.of("Content-Type", "application/pgp-encrypted", "X-CSRF-TOKEN", source.csrfToken()),
                "not a message");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("reply form");
        assertThat(server.bean(ReplyRepository.class).findBySource(sourceId)).isEmpty();
    }
}
