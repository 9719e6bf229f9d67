package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.audit.AuditActor;
import org.postern.testing.Admin;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Retention on the real database: the period is set on the admin page, and the job runs with a fixed clock
 * instead of waiting days. Items go by their date, with their blobs; sources left with nothing go too.
 */
@Tag("postgresql")
class RetentionTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();


    @Test
    void theJobDeletesByDateWithBlobsAndThenSourcesLeftWithNothing(PosternTestServer server, @Admin Person admin) {
        setPeriod("");
        assertThat(retentionAt(TODAY.plusDays(10_000)).purgeExpired()).isEqualTo(new Retention.Purged(0, 0, 0));
        assertThat(setPeriod("30").path()).isEqualTo("/admin/retention?saved");
        assertThat(admin.browser().get("/admin/retention").document().getElementById("days").val()).isEqualTo("30");

        Source mixed = SourceVisit.newSource(server).submit("old and new", List.of(file())).source();
        server.bean(ReplyService.class).send(mixed.id(), "an old reply", AuditActor.OPERATOR);
        server.bean(ReplyService.class).send(mixed.id(), "a new reply", AuditActor.OPERATOR);
        Source recent = SourceVisit.newSource(server).submit("recent", List.of()).source();
        Source emptyOld = SourceVisit.newSource(server).source();
        Source emptyNew = SourceVisit.newSource(server).source();
        // Back-date some rows, as if they had arrived earlier: submission 1 and reply 1 of "mixed" just past the
        // period, and a source that never sent anything and was last active long ago.
        JdbcClient jdbc = server.bean(JdbcClient.class);
        jdbc.sql("update submission set received_on = ? where source_id = ? and seq = 1")
                .params(TODAY.minusDays(31), mixed.id()).update();
        jdbc.sql("update submission set received_on = ? where source_id = ? and seq = 2")
                .params(TODAY.minusDays(30), mixed.id()).update();
        jdbc.sql("update reply set sent_on = ? where source_id = ? and seq = 1")
                .params(TODAY.minusDays(45), mixed.id()).update();
        jdbc.sql("update source set created_on = ?, last_activity_on = ? where id = ?")
                .params(TODAY.minusDays(60), TODAY.minusDays(60), emptyOld.id()).update();
        List<Path> mixedBlobs = blobsOf(mixed);

        Retention.Purged first = retentionAt(TODAY).purgeExpired();
        assertThat(first).isEqualTo(new Retention.Purged(1, 1, 1));
        assertThat(seqs(mixed)).as("the last day of the period is kept").containsExactly(2);
        assertThat(server.bean(ReplyRepository.class).findBySource(mixed.id())).extracting(Reply::seq)
                .containsExactly(2);
        assertThat(Files.exists(mixedBlobs.get(0))).as("blob of submission 1").isFalse();
        assertThat(Files.exists(mixedBlobs.get(1))).isTrue();
        assertThat(Files.exists(mixedBlobs.get(2))).as("blob of reply 1").isFalse();
        assertThat(Files.exists(mixedBlobs.get(3))).isTrue();
        assertThat(exists(emptyOld)).as("left with nothing, long ago").isFalse();
        assertThat(exists(emptyNew)).as("new, nothing sent yet").isTrue();
        assertThat(exists(recent)).isTrue();

        // Thirty days on, what arrived today is still kept; only submission 2 (dated 30 days back) goes.
        assertThat(retentionAt(TODAY.plusDays(30)).purgeExpired()).isEqualTo(new Retention.Purged(1, 0, 0));
        assertThat(exists(mixed)).as("it still has a reply").isTrue();
        Retention.Purged later = retentionAt(TODAY.plusDays(31)).purgeExpired();
        assertThat(later).isEqualTo(new Retention.Purged(1, 1, 3));
        for (Source s : List.of(mixed, recent, emptyNew)) {
            assertThat(exists(s)).isFalse();
        }
        assertThat(mixedBlobs).noneMatch(Files::exists);
    }

    @Test
    void thePeriodMustBeAWholeNumberOfDays(PosternTestServer server) {
        for (String bad : List.of("abc", "-1", "1.5", "36501", "9999999")) {
            Page refused = setPeriod(bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.document().getElementById("retention-error")).isNotNull();
        }
        setPeriod("0");
        assertThat(server.bean(RetentionSettings.class).days()).isEmpty();
        setPeriod("7");
        assertThat(server.bean(RetentionSettings.class).days()).hasValue(7);
        setPeriod("");
        assertThat(server.bean(RetentionSettings.class).days()).isEmpty();
    }

    private static Retention retentionAt(LocalDate day) {
        Clock clock = Clock.fixed(day.atTime(13, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        PosternTestServer server = POSTERN.server();
        return new Retention(server.bean(JdbcClient.class), server.bean(PlatformTransactionManager.class),
                server.bean(Deletions.class), server.bean(RetentionSettings.class), clock);
    }

    private static Page setPeriod(String days) {
        Person admin = POSTERN.admin("ada");
        Page form = admin.browser().get("/admin/retention");
        return admin.browser().post("/admin/retention", Map.of("_csrf", form.csrfToken(), "days", days));
    }

    private static TestBrowser.FilePart file() {
        return new TestBrowser.FilePart("f.pdf", () -> new CanaryContent(2_000, "CANARY-RETENTION", 1));
    }

    private static List<Integer> seqs(Source source) {
        return POSTERN.server().bean(SubmissionRepository.class).findBySource(source.id()).stream()
                .map(Submission::seq).toList();
    }

    /** Submission blobs in order, then reply blobs in order. */
    private static List<Path> blobsOf(Source source) {
        PosternTestServer server = POSTERN.server();
        List<Path> blobs = new ArrayList<>();
        server.bean(SubmissionRepository.class).findBySource(source.id())
                .forEach(s -> blobs.add(server.storeDir().resolve(s.blobId().value())));
        server.bean(ReplyRepository.class).findBySource(source.id())
                .forEach(r -> blobs.add(server.storeDir().resolve(r.blobId().value())));
        assertThat(blobs).allMatch(Files::exists);
        return blobs;
    }

    private static boolean exists(Source source) {
        return POSTERN.server().bean(SourceRepository.class).findById(source.id()).isPresent();
    }
}
