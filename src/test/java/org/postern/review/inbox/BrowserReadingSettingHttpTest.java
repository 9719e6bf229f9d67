package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postern.sources.ReplyRepository;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;

/**
 * The opt-in and the organisation's switch over real HTTP: a person turns in-browser reading on and admins see
 * it; with {@code browser-decryption=forbidden} nobody can turn it on, the source page loads no script, and the
 * endpoints for browser-encrypted replies refuse.
 */
class BrowserReadingSettingHttpTest {

    @Test
    void optInShowsForAdminsAndLoadsTheReadingScripts() {
        try (PosternTestServer server = PosternTestServer.inFreshDataDir().start()) {
            addRecipient(server);
            ConsoleAccounts accounts = new ConsoleAccounts(server);
            Person ada = accounts.setUpFirstAdmin("ada");
            ConsoleAccounts.logIn(ada);
            Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy");
            ConsoleAccounts.logIn(ivy);
            String sourceId = SourceVisit.newSource(server).submit("hello", List.of()).source().id();

            Page source = ivy.browser().get("/sources/" + sourceId);
            assertThat(source.document().select("script")).isEmpty();
            assertThat(ada.browser().get("/admin/accounts").document().select(".browser-reading-user")).isEmpty();

            Page account = ivy.browser().get("/account");
            assertThat(account.document().getElementById("browser-reading-state").text()).startsWith("Off");
            ivy.browser().post("/account/browser-reading", Map.of("_csrf", account.csrfToken(), "on", "true"));
            assertThat(ivy.browser().get("/account").document().getElementById("browser-reading-state").text())
                    .startsWith("On");
            assertThat(ada.browser().get("/admin/accounts").document().select(".browser-reading-user").eachText())
                    .containsExactly("ivy");

            source = ivy.browser().get("/sources/" + sourceId);
            assertThat(source.document().select("script").eachAttr("src"))
                    .containsExactly("/console-vendor/openpgp/openpgp.min.mjs", "/console-js/browser-reading.mjs");
            assertThat(source.document().select("script").eachAttr("integrity")).allMatch(i -> i.startsWith("sha384-"));
            assertThat(source.document().getElementById("browser-key").hasAttr("hidden")).isTrue();
            assertThat(source.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "require-trusted-types-for 'script'", "trusted-types 'none'")
                    .doesNotContain("unsafe", "wasm");

            Page library = ivy.browser().get("/console-vendor/openpgp/openpgp.min.mjs");
            assertThat(library.status()).isEqualTo(200);
            assertThat(library.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
            assertThat(ivy.browser().get("/console-vendor/openpgp/LICENSE").body()).contains("LESSER GENERAL PUBLIC");
        }
    }

    @Test
    void forbiddenMeansNoOptInNoScriptAndNoBrowserReplies() {
        try (PosternTestServer server = PosternTestServer.inFreshDataDir(
                "--postern.console.browser-decryption=forbidden").start()) {
            addRecipient(server);
            ConsoleAccounts accounts = new ConsoleAccounts(server);
            Person ada = accounts.setUpFirstAdmin("ada");
            ConsoleAccounts.logIn(ada);
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

    /** Sources can submit only once there is a recipient: an operator key, as the command line adds one. */
    private static void addRecipient(PosternTestServer server) {
        try (GnuPG gpg = GnuPG.create()) {
            String fpr = gpg.generateCurve25519("Operator <op@example.org>");
            assertThat(server.command("recipients", "add", gpg.exportArmoredTo(fpr, gpg.home()).toString())
                    .exitCode()).isZero();
        }
    }
}
