package org.postern.review.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.PosternApplication;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/** The admin page that shows both onion addresses and hands out, once, one console key per device. */
class AdminDevicesTest {

    private static final String SOURCE_ONION = "c".repeat(56) + ".onion";
    private static final String CONSOLE_ONION = "d".repeat(56) + ".onion";

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .onions(SOURCE_ONION, CONSOLE_ONION).authorizedClients();

    /** Where tor reads the console's client-authorization keys. */
    private static Path clients() {
        return POSTERN.torDir().resolve("authorized_clients");
    }

    @Test
    void addShowsTheKeyOnceWritesOnlyThePublicHalfAndRevokeRemovesIt(PosternTestServer server, @Admin Person admin)
            throws IOException {
        Page page = admin.browser().get("/admin/devices");
        assertThat(page.document().getElementById("source-onion").text()).isEqualTo(SOURCE_ONION);
        assertThat(page.document().getElementById("console-onion").text()).isEqualTo(CONSOLE_ONION);

        Page added = admin.browser().post("/admin/devices/add", Map.of("_csrf", page.csrfToken(), "name", "ada-laptop"));
        String line = added.document().getElementById("auth-private-line").text();
        String privateKey = added.document().getElementById("private-key").text();
        assertThat(line).isEqualTo("d".repeat(56) + ":descriptor:x25519:" + privateKey);
        String auth = Files.readString(clients().resolve("ada-laptop.auth"));
        assertThat(auth).startsWith("descriptor:x25519:").doesNotContain(privateKey);
        assertThat(admin.browser().get("/admin/devices").body()).doesNotContain(privateKey).contains("ada-laptop");

        Page again = admin.browser().post("/admin/devices/add", Map.of("_csrf", page.csrfToken(), "name", "ada-laptop"));
        assertThat(again.status()).isEqualTo(409);
        Page bad = admin.browser().post("/admin/devices/add", Map.of("_csrf", page.csrfToken(), "name", "../etc"));
        assertThat(bad.status()).isEqualTo(400);

        admin.browser().post("/admin/devices/revoke", Map.of("_csrf", page.csrfToken(), "name", "ada-laptop"));
        assertThat(clients().resolve("ada-laptop.auth")).doesNotExist();
        assertThat(server.bean(AuditLog.class).page(0, 50)).extracting(AuditEntry::action)
                .contains(AuditAction.DEVICE_AUTHORIZED, AuditAction.DEVICE_REVOKED);
    }

    @Test
    void investigatorsCannotManageDevices(@Investigator Person ivy) {
        assertThat(ivy.browser().get("/admin/devices").status()).isEqualTo(403);
        Page home = ivy.browser().get("/");
        assertThat(ivy.browser().post("/admin/devices/add", Map.of("_csrf", home.csrfToken(), "name", "evil"))
                .status()).isEqualTo(403);
        assertThat(clients().resolve("evil.auth")).doesNotExist();
    }

    @Test
    void refusesToListenBeyondLoopbackUnlessAskedLoudly() {
        PosternTestServer exposed = PosternTestServer.inFreshDataDir("--postern.bind-address=0.0.0.0");
        assertThatThrownBy(exposed::start).hasMessageContaining("Refusing to listen on 0.0.0.0");
        assertThatThrownBy(() -> PosternApplication.start("--postern.data-dir=" + exposed.dataDir(),
                "--postern.bind-address=192.0.2.1", "--postern.source.port=0", "--postern.console.port=0"))
                .hasMessageContaining("Refusing to listen");
    }
}
