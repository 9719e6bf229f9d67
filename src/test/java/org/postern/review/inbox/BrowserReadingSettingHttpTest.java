package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;

/**
 * The opt-in over real HTTP: a person turns in-browser reading on, admins see it, and only then does the source
 * page load the reading scripts, from the console itself under a strict policy.
 */
class BrowserReadingSettingHttpTest {

    /** Sources can submit once there is a recipient: a key added on the command line. */
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void optInShowsForAdminsAndLoadsTheReadingScripts(PosternTestServer server, @Admin Person ada,
        @Investigator Person ivy) {
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
