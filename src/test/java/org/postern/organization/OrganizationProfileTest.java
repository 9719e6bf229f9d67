package org.postern.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The organization's own words and logo, set by an admin in the console over real HTTP and shown to sources as
 * text. A logo is only ever a PNG the server drew; anything else, too large, or a decompression bomb is refused
 * with a clear message and the earlier logo stays.
 */
class OrganizationProfileTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void theOrganizationsWordsAppearAsPlainTextOnTheSourcePages(PosternTestServer server, @Admin Person admin) {
        Page form = admin.browser().get("/admin/organization");
        Page saved = admin.browser().post("/admin/organization", Map.of("_csrf", form.csrfToken(),
                "name", "Desk <b>Nine</b>",
                "introduction", "We read everything you send.\r\n\r\nSee https://example.org/ <script>x()</script>",
                "instructions", "Step one: write what happened.\n\nStep two: attach documents."));
        assertThat(saved.path()).isEqualTo("/admin/organization?saved");
        assertThat(saved.document().getElementById("name").val()).isEqualTo("Desk <b>Nine</b>");

        Document landing = new TestBrowser(server.sourceUrl()).get("/").document();
        assertThat(landing.selectFirst("header .org").text()).isEqualTo("Desk <b>Nine</b>");
        assertThat(landing.select("#org-introduction p")).hasSize(2);
        assertThat(landing.select("#org-introduction p").get(1).text())
                .isEqualTo("See https://example.org/ <script>x()</script>");
        assertThat(landing.select("script, b, #org-introduction a")).as("shown as text, never as markup").isEmpty();
        assertThat(landing.select("#org-instructions p")).hasSize(2);

        SourceVisit visit = SourceVisit.newSource(server);
        Page lookup = visit.logInAgain();
        assertThat(lookup.document().select("#org-instructions p").get(0).text())
                .isEqualTo("Step one: write what happened.");

        Page tooLong = admin.browser().post("/admin/organization", Map.of("_csrf", form.csrfToken(),
                "name", "n".repeat(101), "introduction", "", "instructions", ""));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.document().getElementById("organization-error").text()).contains("at most 100");
        assertThat(auditDetails(server)).contains(
                "@audit.detail.organizationChanged([audit.term.name,audit.term.introduction,audit.term.instructions])");
    }

    @Test
    void aLogoIsRedrawnByTheServerAndAnythingElseIsRefusedClearly(PosternTestServer server, @Admin Person admin)
            throws Exception {
        HttpResponse<String> taken = uploadLogo(server, admin, TestImages.png(1200, 300));
        assertThat(taken.statusCode()).isEqualTo(302);
        HttpResponse<byte[]> served = get(server.sourceUrl() + "/logo");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy")).isPresent();
        var image = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(150);
        assertThat(new TestBrowser(server.sourceUrl()).get("/").document().select("header img.logo")).hasSize(1);
        Path stored = server.dataDir().resolve("branding");
        try (var files = Files.list(stored)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().satisfies(n -> assertThat(n).matches("logo-[0-9a-f]{32}\\.png"));
        }

        assertRefused(server, admin, TestImages.gif(40, 40), "must be a PNG or JPEG");
        assertRefused(server, admin, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8),
                "must be a PNG or JPEG");
        assertRefused(server, admin, TestImages.pngClaiming(50_000, 50_000), "too large");
        byte[] huge = Arrays.copyOf(TestImages.png(10, 10), 1024 * 1024 + 10);
        assertRefused(server, admin, huge, "larger than 1 MB");
        assertThat(get(server.sourceUrl() + "/logo").body()).as("the earlier logo stays").isEqualTo(served.body());

        HttpResponse<String> jpeg = uploadLogo(server, admin, TestImages.jpegWithComment("SECRET-COMMENT"));
        assertThat(jpeg.statusCode()).isEqualTo(302);
        byte[] redrawn = get(server.sourceUrl() + "/logo").body();
        assertThat(new String(redrawn, StandardCharsets.ISO_8859_1)).doesNotContain("SECRET-COMMENT");
        assertThat(redrawn).startsWith(0x89, 'P', 'N', 'G');
        assertThat(auditDetails(server)).contains("@audit.detail.logoReplaced()");
    }

    private static void assertRefused(PosternTestServer server, Person admin, byte[] file, String reason)
            throws Exception {
        HttpResponse<String> refused = uploadLogo(server, admin, file);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(refused.body()).getElementById("logo-error").text()).contains(reason);
    }

    private static String auditDetails(PosternTestServer server) {
        return String.join("\n", server.bean(JdbcClient.class)
                .sql("select details from audit_entry where subject = 'organization'").query(String.class).list());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> uploadLogo(PosternTestServer server, Person admin, byte[] content)
            throws Exception {
        Page form = admin.browser().get("/admin/organization");
        String action = form.document().selectFirst("form[enctype=multipart/form-data]").attr("action");
        String boundary = TestBrowser.newBoundary();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpClient client = HttpClient.newBuilder().cookieHandler(admin.browser().cookies()).build();
        return client.send(HttpRequest.newBuilder(URI.create(server.consoleUrl() + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
