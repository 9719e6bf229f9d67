package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.audit.AuditActor;
import org.postern.sources.Reply;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionKind;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

/**
 * A source's whole visit, over real HTTP against the running server with no JavaScript, checked by the real
 * GnuPG: what was sent comes back exactly, and no plaintext is anywhere on disk or in the logs.
 */
@Tag("postgresql")
class SourceFlowEndToEndTest {

    private static final long FILE_BYTES = 50L * 1024 * 1024;
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.source.max-upload-bytes=60MB", "--postern.organization-name=Test Desk").recipientKey();

    @Test
    void newSourceSubmitsMessageAndFileThatOnlyGpgCanRead(PosternTestServer server, GnuPG gpg) throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        String fileName = "leak-" + canary + ".pdf";
        String message = "Meet me never. " + canary + "-MSG";
        TestBrowser browser = new TestBrowser(server.sourceUrl());

        Page landing = browser.get("/");
        assertThat(landing.text()).contains("Test Desk").contains("Tor Browser").contains("Safest");
        Page codenamePage = browser.get("/generate");
        String codename = codenamePage.document().getElementById("codename").text();
        assertThat(codename.split(" ")).hasSize(7);
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.text()).contains("Up to 60 MB");

        Page receipt = browser.submit(lookup, message, List.of(
                new TestBrowser.FilePart(fileName, () -> new CanaryContent(FILE_BYTES, canary, 42))));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.document().getElementById("receipt").text()).contains("1 message and 1 file");

        List<Submission> stored = server.bean(SubmissionRepository.class)
                .findBySource(SourceVisit.sourceOf(server, codename).id());
        assertThat(stored).extracting(Submission::kind).containsExactly(SubmissionKind.MESSAGE, SubmissionKind.FILE);
        GnuPG.Decrypted text = gpg.decrypt(blob(server, stored.get(0)));
        assertThat(text.integrityOk()).isTrue();
        assertThat(text.text()).isEqualTo(message);
        GnuPG.DecryptedDigest file = gpg.decryptToDigest(blob(server, stored.get(1)));
        assertThat(file.integrityOk()).as(file.status()).isTrue();
        assertThat(file.length()).isEqualTo(FILE_BYTES);
        assertThat(file.sha256()).isEqualTo(CanaryContent.sha256(FILE_BYTES, canary, 42));
        assertThat(file.fileName()).isEqualTo(fileName);
        assertThat(stored.get(1).encryptedSize()).isGreaterThan(FILE_BYTES);
        for (Submission s : stored) {
            // File times would date the upload to the second; they are kept to the day.
            assertThat(Files.getLastModifiedTime(blob(server, s)).toInstant())
                    .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay()
                            .toInstant(java.time.ZoneOffset.UTC));
            assertThat(Files.getPosixFilePermissions(blob(server, s)))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }

        List<String> leaks = PlaintextScanner.findAll(
                List.of(server.dataDir(), Path.of(System.getProperty("java.io.tmpdir")), Path.of("target/test-logs")),
                List.of(canary, codename));
        assertThat(leaks).as("plaintext, file name or codename found on disk").isEmpty();
        assertNoSubmissionBodyInMemoryBackedSessionFiles();
    }

    @Test
    void returningSourceLogsInWithSloppyCodenameAndReadsReply(PosternTestServer server) {
        SourceVisit first = SourceVisit.newSource(server);
        String codename = first.codename();
        Source source = first.source();
        server.bean(ReplyService.class).send(source.id(), "We got it. <b>Thank you</b>.", AuditActor.OPERATOR);

        TestBrowser later = new TestBrowser(server.sourceUrl());
        Page login = later.get("/login");
        Page lookup = later.post("/login", Map.of("_csrf", login.csrfToken(),
                "codename", "  " + codename.toUpperCase().replace(" ", "   ") + " "));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.path()).startsWith("/lookup");
        assertThat(lookup.document().select(".reply pre").text()).isEqualTo("We got it. <b>Thank you</b>.");
        assertThat(lookup.body()).doesNotContain("<b>Thank you</b>");

        Page logout = later.post("/logout", Map.of("_csrf", lookup.csrfToken()));
        assertThat(logout.text()).contains("You have logged out");
        assertThat(later.get("/lookup").path()).isEqualTo("/login");
    }

    @Test
    void aReplyWhoseBlobIsGoneSaysSoAndTheOthersStillShow(PosternTestServer server) throws IOException {
        SourceVisit visit = SourceVisit.newSource(server);
        TestBrowser browser = visit.browser();
        Source source = visit.source();
        Reply lost = server.bean(ReplyService.class).send(source.id(), "The first reply.", AuditActor.OPERATOR)
                .orElseThrow();
        server.bean(ReplyService.class).send(source.id(), "The second reply.", AuditActor.OPERATOR);
        Files.delete(server.storeDir().resolve(lost.blobId().value()));

        Page lookup = browser.get("/lookup");
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.document().select(".reply")).hasSize(2);
        assertThat(lookup.document().select(".reply pre").text()).isEqualTo("The second reply.");
        assertThat(lookup.document().select(".reply .notice.error").text())
                .isEqualTo("This reply could not be opened.");
    }

    @Test
    void wrongCodenameGetsOneGenericError(PosternTestServer server) {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page login = browser.get("/login");
        Page wrong = browser.post("/login", Map.of("_csrf", login.csrfToken(),
                "codename", "abacus abacus abacus abacus abacus abacus abacus"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("That codename was not recognised. Check each word and try again.");
        Page huge = browser.post("/login", Map.of("_csrf", wrong.csrfToken(), "codename", "a".repeat(100_000)));
        assertThat(huge.status()).isEqualTo(401);
        assertThat(huge.text()).contains("That codename was not recognised. Check each word and try again.");
    }

    @Test
    void everySourcePageSendsStrictHeaders(PosternTestServer server) throws IOException {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        browser.get("/");
        browser.get("/login");
        browser.get("/fingerprints");
        browser.get("/css/source.css");
        browser.get("/no-such-page");
        Page codenamePage = browser.get("/generate");
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        browser.submit(lookup, "headers", List.of());
        // A fresh form: the first one's one-time token is spent.
        browser.submit(browser.get("/lookup"), "", List.of());
        for (Page page : browser.history()) {
            var h = page.headers();
            // Only the upload page may run script (its own, for resumable uploads); every other page none.
            boolean uploadPage = page.path().startsWith("/lookup");
            assertThat(h.firstValue("Content-Security-Policy")).as(page.path()).hasValue(uploadPage
                    ? "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
                            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
                    : "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                            + "frame-ancestors 'none'; base-uri 'none'");
            assertThat(h.firstValue("Cache-Control").orElseThrow()).as(page.path()).contains("no-store");
            assertThat(h.firstValue("Referrer-Policy")).as(page.path()).hasValue("no-referrer");
            assertThat(h.firstValue("X-Content-Type-Options")).as(page.path()).hasValue("nosniff");
            assertThat(h.firstValue("X-Frame-Options")).as(page.path()).hasValue("DENY");
            assertThat(h.firstValue("Server")).as(page.path()).isEmpty();
            if (!uploadPage) {
                assertThat(page.body()).as(page.path()).doesNotContainIgnoringCase("<script");
            }
            assertThat(page.body()).as(page.path()).doesNotContain("http://").doesNotContain("https://");
            h.allValues("Set-Cookie").forEach(cookie ->
                    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict"));
        }
        // The second form from the same page is refused (409 once its token is spent): an error page, checked too.
        assertThat(browser.history()).extracting(Page::status).contains(200, 404)
                .anyMatch(status -> status == 400 || status == 409);
        // A source's request, even a mistaken one, leaves no line in the log to date it.
        assertThat(Files.readString(Path.of("target/test-logs/postern-tests.log"))).doesNotContain("no-such-page");
    }

    private static Path blob(PosternTestServer server, Submission s) {
        return server.storeDir().resolve(s.blobId().value());
    }

    private static void assertNoSubmissionBodyInMemoryBackedSessionFiles() throws IOException {
        try (var files = Files.walk(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("SESSIONS.ser"))).isEmpty();
        }
    }
}
