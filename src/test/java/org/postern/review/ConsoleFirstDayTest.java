package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.postern.sources.Source;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

/**
 * An NGO's first day in the console, over real HTTP and in a real Chromium: setup keeps what was typed, the empty
 * inbox lists what is still missing, a key added on the command line has an owner, removing the last key warns
 * first, each download comes with the gpg commands, and the pages fit 1280 and 400 px windows.
 */
@Tag("browser")
class ConsoleFirstDayTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    /** Ada's key, added on the command line. */
    private static String adasKey;
    /** Ada's session after the restart. */
    private static TestBrowser console;

    @BeforeAll
    static void start(PosternTestServer server, ConsoleAccounts accounts, GnuPG gpg) {
        refusedSetupKeepsItsFields(server);
        Person ada = accounts.setUpFirstAdmin("ada");
        assertThat(ConsoleAccounts.logIn(ada).path()).isEqualTo("/");
        Document inbox = ada.browser().get("/").document();
        assertThat(inbox.select("#first-run li.todo").text()).contains("approved recipient key")
                .contains("Both onion addresses").contains("client-authorization key");
        assertThat(inbox.select("#first-run li.done").text()).contains("An admin account exists");
        assertThat(inbox.select("#first-run a[href=/admin/keys]")).isNotEmpty();
        notificationsAreDecidedOnPurpose(ada, inbox);
        Page devices = ada.browser().get("/admin/devices");
        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.document().getElementById("tor-not-configured").text())
                .contains("Tor is not configured yet");
        assertThat(devices.document().getElementById("device-error")).isNull();

        // The operator adds ada's key on the command line, with the server stopped, linked to her account.
        server.stop();
        adasKey = gpg.generateCurve25519("Ada <ada@example.org>");
        Path key = gpg.exportArmoredTo(adasKey, gpg.home());
        var added = server.command("recipients", "add", key.toString(), "--account", "ada");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Linked to the account ada");
        assertThat(server.command("recipients", "add", key.toString(), "--account", "nobody").err())
                .contains("No console account is named nobody");
        server.start();
        // The restarted server listens on new ports: a fresh browser, and the next code from ada's app.
        console = new TestBrowser(server.consoleUrl());
        assertThat(ConsoleAccounts.logIn(console, "ada", ConsoleAccounts.PASSWORD, ada.freshCode()).path())
                .isEqualTo("/");
    }

    /** The checklist asks about notifications until an admin records that they stay off on purpose. */
    private static void notificationsAreDecidedOnPurpose(Person ada, Document inbox) {
        assertThat(inbox.select("#first-run li.todo:has(a[href=/admin/notifications])").text())
                .contains("Decide on e-mail notifications");
        Page settings = ada.browser().get("/admin/notifications");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.document().getElementById("notifications-off")).isNotNull();
        Page recorded = ada.browser().post("/admin/notifications", Map.of("_csrf", settings.csrfToken(),
                "offByChoice", "true"));
        assertThat(recorded.document().getElementById("off-by-choice").text()).contains("off on purpose");
        Document after = ada.browser().get("/").document();
        assertThat(after.select("#first-run li.done:has(a[href=/admin/notifications])").text())
                .contains("off on purpose");
        assertThat(after.select("#first-run li.todo:has(a[href=/admin/notifications])")).isEmpty();
        assertThat(ada.browser().get("/admin/audit").text()).contains("Notifications off by choice recorded");
        Page undone = ada.browser().post("/admin/notifications", Map.of("_csrf", recorded.csrfToken(),
                "offByChoice", "false"));
        assertThat(undone.document().getElementById("off-by-choice")).isNull();
        assertThat(ada.browser().get("/").document().select("#first-run li.todo:has(a[href=/admin/notifications])"))
                .isNotEmpty();
        Page again = ada.browser().post("/admin/notifications", Map.of("_csrf", undone.csrfToken(),
                "offByChoice", "true"));
        assertThat(again.document().getElementById("off-by-choice")).isNotNull();
    }

    private static void refusedSetupKeepsItsFields(PosternTestServer server) {
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        Page form = browser.get("/setup");
        assertThat(form.document().getElementById("username-hint").text()).contains("admin").contains("root");
        assertThat(form.document().getElementById("totp-secret")).as("no QR code before the name is known").isNull();
        String token = ConsoleAccounts.setupTokenFromLog();
        Page refused = browser.post("/setup", Map.of("_csrf", form.csrfToken(), "step", "name", "token", token,
                "username", "admin"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().getElementById("enrol-error").text()).contains("reserved");
        assertThat(refused.document().getElementById("username").val()).isEqualTo("admin");
        assertThat(refused.document().getElementById("token").val()).isEqualTo(token);
        assertThat(refused.document().getElementById("totp-secret")).isNull();

        Page wrongToken = browser.post("/setup", Map.of("_csrf", refused.csrfToken(), "step", "name",
                "token", "not-the-token", "username", "ada"));
        assertThat(wrongToken.status()).isEqualTo(400);
        assertThat(wrongToken.document().getElementById("enrol-error").text()).contains("setup token is wrong");
        assertThat(wrongToken.document().getElementById("username").val()).isEqualTo("ada");
        assertThat(wrongToken.document().getElementById("token").val()).isEqualTo("not-the-token");
        assertThat(wrongToken.document().getElementById("totp-secret")).isNull();

        // Step two: the QR code names the organisation and the chosen user; a refusal there keeps the same secret.
        Page second = browser.post("/setup", Map.of("_csrf", wrongToken.csrfToken(), "step", "name",
                "token", token, "username", "ada"));
        assertThat(second.status()).isEqualTo(200);
        String organization = server.bean(org.postern.organization.OrganizationProfile.class).current().name();
        assertTotpLabel(second, organization, "ada");
        Page weak = browser.post("/setup", Map.of("_csrf", second.csrfToken(), "password", "short",
                "code", "000000"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.document().getElementById("enrol-error").text()).contains("at least 12");
        assertThat(weak.document().getElementById("chosen-username").text()).isEqualTo("ada");
        assertThat(weak.document().getElementById("totp-secret").text())
                .isEqualTo(second.document().getElementById("totp-secret").text());
        assertThat(weak.document().getElementById("password").val()).as("never echoed").isEmpty();
        assertThat(server.bean(org.postern.accounts.SetupTokens.class).isSetupOpen())
                .as("nothing spent the token yet").isTrue();
    }

    @Test
    void anInvitationsQrCodeNamesTheOrganizationAndTheUser(PosternTestServer server) {
        Page profile = console.get("/admin/organization");
        Page saved = console.post("/admin/organization", Map.of("_csrf", profile.csrfToken(),
                "name", "Radio Libre Ürümqi", "introduction", "", "instructions", ""));
        assertThat(saved.path()).startsWith("/admin/organization");
        Page accountsPage = console.get("/admin/accounts");
        Page invited = console.post("/admin/accounts/invite", Map.of("_csrf", accountsPage.csrfToken(),
                "role", "INVESTIGATOR"));
        String link = invited.document().getElementById("link").text();
        String path = link.substring(link.indexOf("/invite/"));
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        assertThat(browser.get(path).document().getElementById("totp-secret")).isNull();
        Page second = ConsoleAccounts.chooseName(browser, path, null, "ivo");
        assertTotpLabel(second, "Radio Libre Ürümqi", "ivo");
        Page taken = ConsoleAccounts.chooseName(new TestBrowser(server.consoleUrl()), path, null, "ada");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.document().getElementById("enrol-error").text()).contains("taken");
        assertThat(taken.document().getElementById("username").val()).isEqualTo("ada");
    }

    /** Decodes the QR code drawn on the page, as the app would, and checks its label and issuer. */
    private static void assertTotpLabel(Page page, String organization, String username) {
        var svg = page.document().selectFirst(".qr svg");
        assertThat(svg).as("a QR code on %s", page.path()).isNotNull();
        int size = Integer.parseInt(svg.attr("viewBox").split(" ")[2]);
        int margin = 4;
        com.google.zxing.common.BitMatrix modules = new com.google.zxing.common.BitMatrix(size - 2 * margin);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("M(\\d+),(\\d+)")
                .matcher(svg.selectFirst("path").attr("d"));
        while (m.find()) {
            modules.set(Integer.parseInt(m.group(1)) - margin, Integer.parseInt(m.group(2)) - margin);
        }
        String text;
        try {
            text = new com.google.zxing.qrcode.decoder.Decoder().decode(modules).getText();
        } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            throw new AssertionError("the QR code does not decode", e);
        }
        java.net.URI uri = java.net.URI.create(text);
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getPath()).isEqualTo("/" + organization + ":" + username);
        assertThat(uri.getQuery()).contains("issuer=" + organization)
                .contains("secret=" + page.document().getElementById("totp-secret").text());
        assertThat(page.document().getElementById("totp-label").text()).isEqualTo(organization + ":" + username);
    }

    @Test
    void aKeyAddedOnTheCommandLineBelongsToItsAccount(PosternTestServer server, GnuPG gpg, @TempDir Path again)
            throws IOException {
        Document mine = console.get("/keys").document();
        assertThat(mine.select(".receives").text()).contains("This key receives submissions")
                .contains("operator added it");
        gpg.exportArmoredTo(adasKey, again);
        var duplicate = server.command("recipients", "list");
        assertThat(duplicate.out()).contains(adasKey);
        Page keys = console.get("/keys");
        Page upload = console.post("/keys", Map.of("_csrf", keys.csrfToken(),
                "armored", Files.readString(again.resolve(adasKey + ".asc"))));
        assertThat(upload.text()).contains("already registered, by the account ada");
    }

    @Test
    void removingTheLastKeyGoesThroughAConfirmationThatWarns(PosternTestServer server) {
        Page keys = console.get("/admin/keys");
        var link = keys.document().selectFirst("#key-" + adasKey + " a.remove");
        assertThat(link).isNotNull();
        Page confirm = console.get(link.attr("href"));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.document().getElementById("last-key-warning").text())
                .contains("last key that receives submissions").contains("stops accepting");
        assertThat(server.bean(org.postern.recipients.RecipientRegistry.class).acceptsSubmissions())
                .as("nothing is removed by looking").isTrue();
        assertThat(console.get("/admin/keys/" + "A".repeat(40) + "/remove").status()).isEqualTo(404);
    }

    @Test
    void aSourcePageExplainsTheGpgCommands(PosternTestServer server) {
        Source source = SourceVisit.newSource(server).submit("hello", List.of()).source();
        Document page = console.get("/sources/" + source.id()).document();
        String help = page.getElementById("gpg-help").text();
        assertThat(help).contains("gpg --decrypt --use-embedded-filename").contains("gpg --list-packets")
                .contains("never learns");
        String fileName = page.selectFirst("a.download").text();
        assertThat(help).contains(fileName);
    }

    @Test
    void theConsoleFits1280And400PixelWindows(PosternTestServer server) {
        SourceVisit.newSource(server).submit("for the layout", List.of());
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            // Ada's logged-in session, handed to the browser as its cookie.
            web.get(server.consoleUrl() + "/login");
            var session = console.cookies().getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(ReviewWebApplication.SESSION_COOKIE)).findFirst().orElseThrow();
            web.manage().addCookie(new Cookie(session.getName(), session.getValue(), "/"));
            web.manage().window().setSize(new Dimension(1280, 900));
            web.get(server.consoleUrl() + "/admin/keys");
            Chromium.await(web, By.tagName("table"));
            JavascriptExecutor js = (JavascriptExecutor) web;
            assertThat(number(js, "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .as("no horizontal scrolling of the keys page at 1280 px").isLessThanOrEqualTo(0);
            assertThat(number(js, "const t = document.querySelector('table'); return t.getBoundingClientRect().right"
                    + " - document.documentElement.clientWidth")).as("the keys table fits").isLessThanOrEqualTo(0);

            web.manage().window().setSize(new Dimension(400, 900));
            for (String path : List.of("/", "/admin/keys", "/admin/audit")) {
                web.get(server.consoleUrl() + path);
                Chromium.await(web, By.tagName("h1"));
                assertThat(number(js, "return document.documentElement.clientWidth")).isLessThanOrEqualTo(400);
                assertThat(number(js, "return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth")).as("%s at 400 px", path).isLessThanOrEqualTo(0);
                assertThat(number(js, "const n = document.querySelector('header.bar nav');"
                        + " return n.getBoundingClientRect().right - document.documentElement.clientWidth"))
                        .as("the navigation wraps on %s", path).isLessThanOrEqualTo(0);
            }
        }
    }

    private static long number(JavascriptExecutor js, String script) {
        return Math.round(((Number) js.executeScript(script)).doubleValue());
    }
}
