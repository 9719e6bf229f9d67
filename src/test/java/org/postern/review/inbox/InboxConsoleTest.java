package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postern.accounts.AccountRepository;
import org.postern.audit.AuditActor;
import org.postern.sources.BrowserReplies;
import org.postern.sources.ReplyRepository;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.Admin;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.InboxSeeder;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.postern.testing.TestBrowser.Download;

/**
 * The inbox and a source's page over real HTTP: real sources submitting through the source port, real console
 * logins, downloads decrypted by the real gpg, and every way a path or a form can be abused.
 */
@Tag("postgresql")
class InboxConsoleTest {

    /** How an English page writes a day. */
    private static final java.time.format.DateTimeFormatter ENGLISH_DAY = java.time.format.DateTimeFormatter
            .ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH);

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @TempDir
    static Path downloads;

    /** Both investigators exist from the start: what is unread is counted for each of them. */
    @BeforeAll
    static void twoInvestigators(@Investigator("ivy") Person ivy, @Investigator("bob") Person bob) {
    }

    @Test
    void aNewSourceIsUnreadWithItsCountsUntilEachInvestigatorOpensIt(PosternTestServer server,
            @Investigator("ivy") Person ivy, @Investigator("bob") Person bob) {
        SourceVisit visit = SourceVisit.newSource(server).submit("first message", List.of(
                file("a.pdf", 10_000, 1), file("b.pdf", 20_000, 2)));
        Source source = visit.source();

        Element row = row(ivy, source);
        assertThat(row.selectFirst(".designation").text()).isEqualTo(source.designation());
        assertThat(row.hasClass("unread")).isTrue();
        assertThat(row.selectFirst(".unread-flag")).isNotNull();
        assertThat(row.selectFirst(".submissions").text()).isEqualTo("3");
        assertThat(row.selectFirst(".replies").text()).isEqualTo("0");
        assertThat(row.selectFirst(".status").text()).isEqualTo("New");
        assertThat(row.selectFirst(".day").text()).isEqualTo(ENGLISH_DAY.format(LocalDate.now(ZoneOffset.UTC)));
        assertThat(row(bob, source).hasClass("unread")).isTrue();

        Page page = ivy.browser().get("/sources/" + source.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().getElementById("designation").text()).isEqualTo(source.designation());
        assertThat(page.document().select("tr.submission")).hasSize(3);
        assertThat(page.document().select("tr.submission.unread")).hasSize(3);
        assertThat(page.document().select("tr.submission .kind").eachText())
                .containsExactly("Message", "File", "File");

        assertThat(row(ivy, source).hasClass("unread")).as("ivy has seen it").isFalse();
        assertThat(ids(ivy.browser().get("/?unread=1"))).doesNotContain(source.id());
        assertThat(row(bob, source).hasClass("unread")).as("bob has not").isTrue();
        assertThat(ids(bob.browser().get("/?unread=1"))).contains(source.id());
        assertThat(ivy.browser().get("/sources/" + source.id()).document().select("tr.submission.unread")).isEmpty();

        visit.submit("second visit", List.of());
        Element again = row(ivy, source);
        assertThat(again.hasClass("unread")).as("new material is unread again").isTrue();
        assertThat(again.selectFirst(".submissions").text()).isEqualTo("4");
        assertThat(ivy.browser().get("/sources/" + source.id()).document().select("tr.submission.unread")
                .eachAttr("data-seq")).containsExactly("4");
    }

    @Test
    void downloadingOneFileMarksOnlyThatOneSeen(PosternTestServer server, @Investigator("ivy") Person ivy,
            @Investigator("bob") Person bob) {
        Source source = SourceVisit.newSource(server).submit("two parts", List.of(file("c.bin", 5_000, 3)))
                .source();
        assertThat(ivy.browser().download(submissionPath(source, 1)).status()).isEqualTo(200);
        assertThat(row(ivy, source).hasClass("unread")).as("submission 2 is still unseen").isTrue();
        assertThat(ivy.browser().download(submissionPath(source, 2)).status()).isEqualTo(200);
        assertThat(row(ivy, source).hasClass("unread")).isFalse();
        assertThat(row(bob, source).hasClass("unread")).isTrue();
    }

    @Test
    void aDownloadIsTheExactCiphertextUnderItsNameAndGpgDecryptsIt(PosternTestServer server, GnuPG gpg,
            @Investigator("ivy") Person ivy) throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        long length = 3L * 1024 * 1024 + 17;
        String message = "The documents. " + canary;
        Source source = SourceVisit.newSource(server).submit(message, List.of(
                new TestBrowser.FilePart("report-" + canary + ".pdf", () -> new CanaryContent(length, canary, 7))))
                .source();
        List<Submission> stored = server.bean(SubmissionRepository.class).findBySource(source.id());
        String base = source.designation().replace(' ', '-');

        Download text = ivy.browser().download(submissionPath(source, 1));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.fileName()).isEqualTo(base + "-1.pgp");
        assertThat(text.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(text.headers().firstValue("Content-Type")).hasValue("application/pgp-encrypted");
        assertThat(text.body()).isEqualTo(Files.readAllBytes(blob(stored.get(0).blobId().value())));
        GnuPG.Decrypted decrypted = gpg.decrypt(save(text));
        assertThat(decrypted.integrityOk()).isTrue();
        assertThat(decrypted.text()).isEqualTo(message);

        Download file = ivy.browser().download(submissionPath(source, 2));
        assertThat(file.fileName()).isEqualTo(base + "-2.pgp");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
        assertThat(file.body()).isEqualTo(Files.readAllBytes(blob(stored.get(1).blobId().value())));
        GnuPG.DecryptedDigest digest = gpg.decryptToDigest(save(file));
        assertThat(digest.integrityOk()).as(digest.status()).isTrue();
        assertThat(digest.length()).isEqualTo(length);
        assertThat(digest.sha256()).isEqualTo(CanaryContent.sha256(length, canary, 7));
        assertThat(digest.fileName()).isEqualTo("report-" + canary + ".pdf");
        assertThat(new String(file.body(), StandardCharsets.ISO_8859_1)).doesNotContain(canary);
        assertThat(PlaintextScanner.findAll(List.of(server.dataDir(), downloads), List.of(canary)))
                .as("the data dir, H2 files included, and the saved downloads").isEmpty();
    }

    @Test
    void theArchiveHoldsEveryEncryptedFileAndEachDecrypts(PosternTestServer server, GnuPG gpg,
            @Investigator("ivy") Person ivy) throws IOException {
        Source source = SourceVisit.newSource(server).submit("archive me", List.of(
                file("x.pdf", 70_000, 4), file("y.pdf", 1_000, 5))).source();
        sendReply(ivy, source, "A reply in the archive too.");
        String base = source.designation().replace(' ', '-');

        Download archive = ivy.browser().download("/sources/" + source.id() + "/archive");
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.fileName()).isEqualTo(base + ".zip");
        assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = unzip(archive.body());
        assertThat(entries.keySet()).containsExactly(base + "-1.pgp", base + "-2.pgp", base + "-3.pgp",
                base + "-reply-1.pgp");

        List<Submission> stored = server.bean(SubmissionRepository.class).findBySource(source.id());
        for (Submission s : stored) {
            byte[] entry = entries.get(base + "-" + s.seq() + ".pgp");
            assertThat(entry).isEqualTo(Files.readAllBytes(blob(s.blobId().value())));
            assertThat(gpg.decrypt(save(entry)).integrityOk()).isTrue();
        }
        assertThat(gpg.decrypt(save(entries.get(base + "-1.pgp"))).text()).isEqualTo("archive me");
        assertThat(gpg.decrypt(save(entries.get(base + "-reply-1.pgp"))).text())
                .isEqualTo("A reply in the archive too.");
        assertThat(row(ivy, source).hasClass("unread")).as("the archive counts as seeing them").isFalse();
    }

    @Test
    void aReplyIsReadByTheSourceAtTheirNextLogin(PosternTestServer server, GnuPG gpg,
            @Investigator("ivy") Person ivy) throws IOException {
        SourceVisit visit = SourceVisit.newSource(server).submit("please answer", List.of());
        Source source = visit.source();
        String text = "We read it. <b>Thank you</b> & take care.";

        Page after = sendReply(ivy, source, text);
        assertThat(after.path()).isEqualTo("/sources/" + source.id() + "?replied");
        assertThat(after.document().getElementById("replied-notice")).isNotNull();
        assertThat(after.document().select("tr.reply")).hasSize(1);
        assertThat(after.body()).doesNotContain("Thank you");
        assertThat(row(ivy, source).selectFirst(".replies").text()).isEqualTo("1");

        Page lookup = visit.logInAgain();
        assertThat(lookup.path()).startsWith("/lookup");
        assertThat(lookup.document().select(".reply pre").text()).isEqualTo(text);

        Download reply = ivy.browser().download("/sources/" + source.id() + "/replies/1/download");
        assertThat(reply.fileName()).isEqualTo(source.designation().replace(' ', '-') + "-reply-1.pgp");
        assertThat(gpg.decrypt(save(reply)).text()).isEqualTo(text);
    }

    @Test
    void anEmptyOrOversizedReplyIsRefusedWithAClearError(PosternTestServer server, @Investigator("ivy") Person ivy) {
        Source source = SourceVisit.newSource(server).submit("hi", List.of()).source();
        Page empty = post(ivy, "/sources/" + source.id() + "/reply", Map.of("text", "   \n "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.document().getElementById("reply-error").text()).contains("empty");
        Page huge = post(ivy, "/sources/" + source.id() + "/reply", Map.of("text", "x".repeat(100 * 1024 + 1)));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.document().getElementById("reply-error").text()).contains("100 KB");
        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
    }

    @Test
    void deletingASubmissionNeedsConfirmationThenRemovesItsRowAndBlob(PosternTestServer server,
            @Investigator("ivy") Person ivy) {
        SourceVisit visit = SourceVisit.newSource(server).submit("keep the file", List.of(file("z.pdf", 9_000, 6)));
        Source source = visit.source();
        List<Submission> before = server.bean(SubmissionRepository.class).findBySource(source.id());
        Path first = blob(before.get(0).blobId().value());
        Path second = blob(before.get(1).blobId().value());
        String path = "/sources/" + source.id() + "/submissions/1/delete";

        Page confirm = ivy.browser().get(path);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.document().selectFirst("input[name=confirm][required]")).isNotNull();
        Page unticked = ivy.browser().post(path, Map.of("_csrf", confirm.csrfToken()));
        assertThat(unticked.status()).isEqualTo(400);
        assertThat(unticked.document().getElementById("delete-error")).isNotNull();
        assertThat(Files.exists(first)).isTrue();

        Page done = ivy.browser().post(path, Map.of("_csrf", confirm.csrfToken(), "confirm", "yes"));
        assertThat(done.path()).isEqualTo("/sources/" + source.id() + "?deleted=1");
        assertThat(done.document().select("tr.submission").eachAttr("data-seq")).containsExactly("2");
        assertThat(server.bean(SubmissionRepository.class).find(source.id(), 1)).isEmpty();
        assertThat(Files.exists(first)).as("blob removed").isFalse();
        assertThat(Files.exists(second)).isTrue();
        assertThat(ivy.browser().download(submissionPath(source, 1)).status()).isEqualTo(404);

        visit.submit("after the deletion", List.of());
        assertThat(server.bean(SubmissionRepository.class).findBySource(source.id()))
                .extracting(Submission::seq).as("numbers are never reused").containsExactly(2, 3);
    }

    @Test
    void deletingASourceRemovesEverythingAndItCannotBeRepliedToAfterwards(PosternTestServer server,
            @Investigator("ivy") Person ivy) throws Exception {
        SourceVisit visit = SourceVisit.newSource(server).submit("delete me", List.of(file("d.pdf", 4_000, 8)));
        Source source = visit.source();
        sendReply(ivy, source, "before deletion");
        post(ivy, "/sources/" + source.id() + "/labels", Map.of("label", "doomed"));
        List<Path> blobs = new ArrayList<>();
        server.bean(SubmissionRepository.class).findBySource(source.id())
                .forEach(s -> blobs.add(blob(s.blobId().value())));
        server.bean(ReplyRepository.class).findBySource(source.id()).forEach(r -> blobs.add(blob(r.blobId().value())));
        assertThat(blobs).hasSize(3).allMatch(Files::exists);

        Page confirm = ivy.browser().get("/sources/" + source.id() + "/delete");
        assertThat(confirm.document().getElementById("what").text()).contains(source.designation())
                .contains("2 submissions and 1 reply");
        Page done = ivy.browser().post("/sources/" + source.id() + "/delete",
                Map.of("_csrf", confirm.csrfToken(), "confirm", "yes"));
        assertThat(done.path()).isEqualTo("/?deleted");
        assertThat(ids(done)).doesNotContain(source.id());

        assertThat(server.bean(SourceRepository.class).findById(source.id())).isEmpty();
        assertThat(server.bean(SubmissionRepository.class).findBySource(source.id())).isEmpty();
        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
        assertThat(blobs).noneMatch(Files::exists);
        assertThat(ivy.browser().get("/sources/" + source.id()).status()).isEqualTo(404);
        Page reply = post(ivy, "/sources/" + source.id() + "/reply", Map.of("text", "are you there?"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
        assertThat(server.bean(ReplyService.class).send(source.id(), "late", AuditActor.OPERATOR))
                .as("a gone source, not an error").isEmpty();
        assertThat(server.bean(BrowserReplies.class).accept(source.id(), new byte[] {1}, AuditActor.OPERATOR))
                .isEmpty();
        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
        assertThat(visit.logInAgain().status()).as("the codename no longer works").isEqualTo(401);
    }

    @Test
    void submissionNumbersOfAnotherSourceAndMalformedIdsAreNotFound(PosternTestServer server,
            @Investigator("ivy") Person ivy) {
        Source two = SourceVisit.newSource(server).submit("two", List.of(file("t.pdf", 1_000, 9))).source();
        Source one = SourceVisit.newSource(server).submit("one", List.of()).source();
        assertThat(ivy.browser().download(submissionPath(two, 2)).status()).isEqualTo(200);
        assertThat(ivy.browser().download(submissionPath(one, 2)).status()).isEqualTo(404);
        assertThat(ivy.browser().download("/sources/" + one.id() + "/replies/1/download").status()).isEqualTo(404);

        String unknown = "0123456789abcdef0123456789abcdef";
        List<String> gets = List.of("/sources/" + unknown, "/sources/xyz", "/sources/" + two.id().toUpperCase(),
                "/sources/" + two.id() + "0", "/sources/" + two.id().substring(1),
                "/sources/" + two.id() + "/submissions/0/download", "/sources/" + two.id() + "/submissions/-1/download",
                "/sources/" + two.id() + "/submissions/abc/download",
                "/sources/" + two.id() + "/submissions/99999999999/download",
                "/sources/" + two.id() + "/submissions/01/download",
                "/sources/" + unknown + "/submissions/1/download", "/sources/" + unknown + "/archive",
                "/sources/xyz/archive", "/sources/" + two.id() + "/replies/x/download",
                "/sources/" + two.id() + "/submissions/7/delete", "/sources/" + unknown + "/delete");
        for (String path : gets) {
            assertThat(ivy.browser().get(path).status()).as(path).isEqualTo(404);
        }
        String token = ivy.browser().get("/").csrfToken();
        List<String> posts = List.of("/sources/" + one.id() + "/submissions/2/delete",
                "/sources/" + unknown + "/delete", "/sources/xyz/delete", "/sources/" + unknown + "/reply",
                "/sources/xyz/reply", "/sources/" + unknown + "/labels", "/sources/xyz/status",
                "/sources/" + two.id() + "/submissions/x/delete");
        for (String path : posts) {
            Page page = ivy.browser().post(path, Map.of("_csrf", token, "confirm", "yes", "text", "t",
                    "label", "l", "status", "NEW"));
            assertThat(page.status()).as(path).isEqualTo(404);
        }
        assertThat(server.bean(SubmissionRepository.class).findBySource(two.id())).hasSize(2);
        assertThat(ivy.browser().history()).extracting(Page::status).doesNotContain(500);
    }

    @Test
    void everyStateChangeNeedsTheCsrfToken(PosternTestServer server, @Admin Person admin,
            @Investigator("ivy") Person ivy) {
        Source source = SourceVisit.newSource(server).submit("csrf", List.of()).source();
        String id = source.id();
        for (String path : List.of("/sources/" + id + "/reply", "/sources/" + id + "/delete",
                "/sources/" + id + "/submissions/1/delete", "/sources/" + id + "/labels",
                "/sources/" + id + "/labels/remove", "/sources/" + id + "/status", "/sources/" + id + "/star",
                "/sources/" + id + "/assignee", "/account/notifications")) {
            Page forged = ivy.browser().post(path, Map.of("confirm", "yes", "text", "forged", "label", "x",
                    "status", "CLOSED", "starred", "true", "address", "a@example.org"));
            assertThat(forged.status()).as(path).isEqualTo(403);
        }
        assertThat(admin.browser().post("/admin/retention", Map.of("days", "1")).status()).isEqualTo(403);
        assertThat(server.bean(SubmissionRepository.class).findBySource(id)).hasSize(1);
        assertThat(server.bean(ReplyRepository.class).findBySource(id)).isEmpty();
        assertThat(row(ivy, source).selectFirst(".status").text()).isEqualTo("New");
    }

    @Test
    void anInvestigatorCannotReachTheRetentionSettings(@Admin Person admin, @Investigator("ivy") Person ivy) {
        assertThat(ivy.browser().get("/admin/retention").status()).isEqualTo(403);
        Page home = ivy.browser().get("/");
        assertThat(home.document().select("a[href=/admin/retention]")).isEmpty();
        assertThat(ivy.browser().post("/admin/retention", Map.of("_csrf", home.csrfToken(), "days", "1"))
                .status()).isEqualTo(403);
        assertThat(admin.browser().get("/admin/retention").status()).isEqualTo(200);
        assertThat(admin.browser().get("/").document().select("a[href=/admin/retention]")).hasSize(1);
    }

    @Test
    void htmlInALabelIsShownEscapedEverywhere(PosternTestServer server, @Investigator("ivy") Person ivy) {
        Source source = SourceVisit.newSource(server).submit("labels", List.of()).source();
        String hostile = "<script>alert(1)</script>";
        Page page = post(ivy, "/sources/" + source.id() + "/labels", Map.of("label", hostile));
        assertThat(page.path()).isEqualTo("/sources/" + source.id());
        assertThat(page.document().select("#labels .label").eachText()).containsExactly(hostile);
        assertThat(page.body()).doesNotContain(hostile).contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        Page inbox = ivy.browser().get("/?label=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(ids(inbox)).containsExactly(source.id());
        assertThat(inbox.body()).doesNotContain(hostile);
        assertThat(inbox.document().select("tr.source .label").eachText()).containsExactly(hostile);
        assertThat(inbox.document().select("#f-label option").eachText()).contains(hostile);
        assertThat(inbox.body()).doesNotContainIgnoringCase("<script");

        Page tooLong = post(ivy, "/sources/" + source.id() + "/labels", Map.of("label", "x".repeat(41)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.document().getElementById("triage-error")).isNotNull();
        for (int i = 1; i <= 4; i++) {
            assertThat(post(ivy, "/sources/" + source.id() + "/labels", Map.of("label", "l" + i)).status())
                    .isEqualTo(200);
        }
        Page sixth = post(ivy, "/sources/" + source.id() + "/labels", Map.of("label", "one too many"));
        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.document().getElementById("triage-error").text()).contains("at most 5");
        post(ivy, "/sources/" + source.id() + "/labels/remove", Map.of("label", hostile));
        assertThat(ivy.browser().get("/sources/" + source.id()).document().select("#labels .label").eachText())
                .containsExactly("l1", "l2", "l3", "l4");
    }

    @Test
    void theInboxFiltersByStatusLabelAssigneeStarAndUnread(PosternTestServer server, @Admin Person admin,
            @Investigator("ivy") Person ivy, @Investigator("bob") Person bob) {
        String label = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        InboxSeeder.Seeded seeded = new InboxSeeder(server).seed(label, 4, 2, label, 11);
        List<String> s = seeded.sourceIds();
        String ivyId = accountId("ivy");
        String bobId = accountId("bob");
        // The admin triages, so that ivy's and bob's unread marks stay as they were (each post shows the page).
        post(admin, "/sources/" + s.get(0) + "/status", Map.of("status", "IN_REVIEW"));
        post(admin, "/sources/" + s.get(1) + "/status", Map.of("status", "CLOSED"));
        post(admin, "/sources/" + s.get(2) + "/status", Map.of("status", "NEW"));
        post(admin, "/sources/" + s.get(3) + "/status", Map.of("status", "NEW"));
        post(admin, "/sources/" + s.get(0) + "/assignee", Map.of("assignee", ivyId));
        post(admin, "/sources/" + s.get(2) + "/assignee", Map.of("assignee", bobId));
        post(ivy, "/sources/" + s.get(3) + "/star", Map.of("starred", "true"));
        String q = "/?label=" + label;

        assertThat(ids(ivy.browser().get(q))).containsExactlyInAnyOrderElementsOf(s);
        assertThat(ids(ivy.browser().get(q + "&status=IN_REVIEW"))).containsExactly(s.get(0));
        assertThat(ids(ivy.browser().get(q + "&status=CLOSED"))).containsExactly(s.get(1));
        assertThat(ids(ivy.browser().get(q + "&status=NEW"))).containsExactlyInAnyOrder(s.get(2), s.get(3));
        assertThat(ids(ivy.browser().get(q + "&assignee=me"))).containsExactly(s.get(0));
        assertThat(ids(bob.browser().get(q + "&assignee=me"))).containsExactly(s.get(2));
        assertThat(ids(ivy.browser().get(q + "&assignee=" + bobId))).containsExactly(s.get(2));
        assertThat(ids(ivy.browser().get(q + "&assignee=none"))).containsExactlyInAnyOrder(s.get(1), s.get(3));
        assertThat(ids(ivy.browser().get(q + "&starred=1"))).containsExactly(s.get(3));
        assertThat(ids(bob.browser().get(q + "&starred=1"))).as("stars are each person's own").isEmpty();
        assertThat(row(ivy, s.get(0), q).selectFirst(".assignee").text()).isEqualTo("ivy");

        // Bob has opened none of them; ivy has seen the one she starred (the star form shows the page again).
        assertThat(ids(bob.browser().get(q + "&unread=1"))).containsExactlyInAnyOrderElementsOf(s);
        assertThat(ids(ivy.browser().get(q + "&unread=1"))).containsExactlyInAnyOrder(s.get(0), s.get(1), s.get(2));
        bob.browser().get("/sources/" + s.get(1));
        assertThat(ids(bob.browser().get(q + "&unread=1"))).containsExactlyInAnyOrder(s.get(0), s.get(2), s.get(3));
        assertThat(ids(bob.browser().get(q + "&unread=1&status=NEW&assignee=none"))).containsExactly(s.get(3));
        assertThat(ids(ivy.browser().get(q + "&unread=1&status=NEW&assignee=none"))).isEmpty();

        Page filtered = ivy.browser().get(q + "&status=CLOSED&assignee=me");
        assertThat(filtered.document().getElementById("empty")).isNotNull();
        for (String bad : List.of("/?status=OPEN", "/?assignee=someone", "/?unread=maybe", "/?page=0", "/?page=x",
                "/?label=" + "y".repeat(41))) {
            assertThat(ivy.browser().get(bad).status()).as(bad).isEqualTo(400);
        }
        assertThat(post(ivy, "/sources/" + s.get(0) + "/status", Map.of("status", "WHATEVER")).status())
                .isEqualTo(400);
        assertThat(post(ivy, "/sources/" + s.get(0) + "/assignee", Map.of("assignee", "0".repeat(32))).status())
                .isEqualTo(400);
    }

    @Test
    void theInboxShowsFiftySourcesAPageByLastActivity(PosternTestServer server, @Investigator("ivy") Person ivy) {
        String label = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        new InboxSeeder(server).seed(label, 120, 1, label, 5);
        List<String> seen = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        String next = "/?label=" + label;
        int pages = 0;
        while (next != null) {
            Page page = ivy.browser().get(next);
            pages++;
            List<Element> rows = page.document().select("tr.source");
            assertThat(rows).hasSize(pages < 3 ? 50 : 20);
            assertThat(page.document().getElementById("count").text())
                    .isEqualTo("120 sources, page " + pages + " of 3");
            rows.forEach(r -> {
                seen.add(r.attr("data-id"));
                days.add(LocalDate.parse(r.selectFirst(".day").text(), ENGLISH_DAY));
            });
            Element link = page.document().getElementById("next");
            next = link == null ? null : link.attr("href");
            if (pages > 1) {
                assertThat(page.document().getElementById("previous")).isNotNull();
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
        assertThat(days).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ivy.browser().get("/?label=" + label + "&page=4").document().select("tr.source")).isEmpty();
    }

    @Test
    void starsAreEachInvestigatorsOwn(PosternTestServer server, @Investigator("ivy") Person ivy,
            @Investigator("bob") Person bob) {
        Source source = SourceVisit.newSource(server).submit("star", List.of()).source();
        Page starred = post(ivy, "/sources/" + source.id() + "/star", Map.of("starred", "true"));
        assertThat(starred.document().getElementById("star").text()).contains("Starred");
        assertThat(row(ivy, source).selectFirst(".star")).isNotNull();
        assertThat(row(bob, source).selectFirst(".star")).isNull();
        post(ivy, "/sources/" + source.id() + "/star", Map.of("starred", "false"));
        assertThat(row(ivy, source).selectFirst(".star")).isNull();
    }

    // --- helpers ---

    private static TestBrowser.FilePart file(String name, long length, long seed) {
        return new TestBrowser.FilePart(name, () -> new CanaryContent(length, "CANARY-FILE", seed));
    }

    private static Page post(Person person, String path, Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(fields);
        all.put("_csrf", person.browser().get("/").csrfToken());
        return person.browser().post(path, all);
    }

    private static Page sendReply(Person person, Source source, String text) {
        Page page = person.browser().get("/sources/" + source.id());
        return person.browser().post("/sources/" + source.id() + "/reply",
                Map.of("_csrf", page.csrfToken(), "text", text));
    }

    private static Element row(Person person, Source source) {
        return row(person, source.id(), "/");
    }

    private static Element row(Person person, String sourceId, String inboxPath) {
        Element row = person.browser().get(inboxPath).document().selectFirst("tr.source[data-id=" + sourceId + "]");
        assertThat(row).as("source in the inbox at " + inboxPath).isNotNull();
        return row;
    }

    private static List<String> ids(Page inbox) {
        assertThat(inbox.status()).as(inbox.path()).isEqualTo(200);
        return inbox.document().select("tr.source").eachAttr("data-id");
    }

    private static String submissionPath(Source source, int n) {
        return "/sources/" + source.id() + "/submissions/" + n + "/download";
    }

    private static String accountId(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }

    private static Path blob(String blobId) {
        return POSTERN.server().storeDir().resolve(blobId);
    }

    private static Path save(Download download) throws IOException {
        assertThat(download.status()).as(download.path()).isEqualTo(200);
        return save(download.body());
    }

    private static Path save(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(downloads, "dl", ".pgp");
        Files.write(file, bytes);
        return file;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
