package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.postern.audit.AuditActor;
import org.postern.sources.Reply;
import org.postern.sources.ReplyRepository;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.postern.sources.UnsubmittedSources;
import org.postern.sources.UnsubmittedSourcesAt;
import org.postern.testing.Admin;
import org.postern.testing.Chromium;
import org.postern.testing.ChromiumSource;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.OperatorKeys;
import org.postern.testing.SourceVisit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The source's pages as a person sees them: replies a source deletes are gone from disk, sources that never sent
 * anything stay out of the inbox and expire, and every page fits a 360 px phone without scrolling sideways.
 */
@Tag("browser")
class SourcePagesTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey()
            // A second key, so that the fingerprints page lists more than one line to wrap.
            .beforeStart((server, gpg) -> OperatorKeys.add(server, gpg, "J <j@example.org>"));

    @Test
    void aSourceDeletesAReadReplyAndItsBlobIsGone(PosternTestServer server) {
        SourceVisit visit = SourceVisit.newSource(server).submit("please answer", List.of());
        Source source = visit.source();
        server.bean(ReplyService.class).send(source.id(), "a reply to delete", AuditActor.OPERATOR);
        server.bean(ReplyService.class).send(source.id(), "a reply to keep", AuditActor.OPERATOR);
        List<Reply> replies = server.bean(ReplyRepository.class).findBySource(source.id());
        Path doomed = server.storeDir().resolve(replies.get(0).blobId().value());
        Path kept = server.storeDir().resolve(replies.get(1).blobId().value());
        assertThat(doomed).exists();

        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            ChromiumSource.logIn(web, server.sourceUrl(), visit.codename());
            assertThat(web.findElement(By.cssSelector("section.replies")).getText()).contains("a reply to delete");
            Chromium.clickToNewPage(web, web.findElements(By.linkText("Delete this reply")).get(0));
            assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Delete this reply?");
            assertThat(doomed).as("nothing goes before the confirmation").exists();
            Chromium.clickToNewPage(web, web.findElement(By.id("confirm-delete")));
            assertThat(Chromium.await(web, By.id("reply-deleted")).getText()).contains("deleted");
            assertThat(web.getCurrentUrl()).endsWith("/lookup");
            assertThat(web.findElement(By.cssSelector("section.replies")).getText())
                    .doesNotContain("a reply to delete").contains("a reply to keep");
        }
        assertThat(doomed).as("the encrypted reply is gone from disk").doesNotExist();
        assertThat(kept).exists();
        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).hasSize(1);
        JdbcClient jdbc = server.bean(JdbcClient.class);
        // The two replies sent to it are staff actions; the source's own deletion is never recorded.
        assertThat(jdbc.sql("select action from audit_entry where subject like ? or details like ?")
                .params("%" + source.designation() + "%", "%" + source.designation() + "%")
                .query(String.class).list()).as("the audit log never records the source's own action")
                .containsExactly("REPLY_SENT", "REPLY_SENT");

        // Another source's reply cannot be deleted, nor one that is gone.
        SourceVisit stranger = SourceVisit.newSource(server);
        String other = replies.get(1).id();
        assertThat(stranger.browser().get("/replies/" + other + "/delete").status()).isEqualTo(404);
        assertThat(stranger.browser().post("/replies/" + other + "/delete",
                Map.of("_csrf", stranger.lookup().csrfToken())).status()).isEqualTo(404);
        assertThat(kept).exists();
    }

    @Test
    void sourcesThatNeverSentAnythingStayOutOfTheInboxAndExpire(PosternTestServer server, @Admin Person admin) {
        Source silent = SourceVisit.newSource(server).source();
        Source speaking = SourceVisit.newSource(server).submit("hello", List.of()).source();
        String inbox = admin.browser().get("/").text();
        assertThat(inbox).contains(speaking.designation()).doesNotContain(silent.designation());

        JdbcClient jdbc = server.bean(JdbcClient.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        jdbc.sql("update source set created_on = ?, last_activity_on = ? where id in (?, ?)")
                .params(today.minusDays(1), today.minusDays(1), silent.id(), speaking.id()).update();
        assertThat(unsubmittedAt(server, today).purge()).as("one day old: inside the 24 h lifetime").isZero();
        assertThat(unsubmittedAt(server, today.plusDays(1)).purge()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from source where id = ?").param(silent.id()).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from source where id = ?").param(speaking.id()).query(Long.class)
                .single()).as("a source that sent something stays").isOne();
    }

    private static UnsubmittedSources unsubmittedAt(PosternTestServer server, LocalDate day) {
        return UnsubmittedSourcesAt.at(server, Clock.fixed(day.atTime(13, 0).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC));
    }

    @Test
    void everySourcePageFitsA360PixelPhone(PosternTestServer server) {
        SourceVisit visit = SourceVisit.newSource(server).submit("for the phone", List.of());
        server.bean(ReplyService.class).send(visit.source().id(), "a reply with a long address "
                + "http://example.org/" + "a".repeat(200) + " and more words to wrap", AuditActor.OPERATOR);
        String replyId = server.bean(ReplyRepository.class).findBySource(visit.source().id()).get(0).id();
        List<String> overflowing = new ArrayList<>();
        try (Chromium chromium = Chromium.start(false)) {
            WebDriver web = chromium.driver();
            web.manage().window().setSize(new Dimension(360, 740));
            for (String path : List.of("/", "/fingerprints", "/login", "/session-ended", "/generate")) {
                web.get(server.sourceUrl() + path);
                Chromium.await(web, By.tagName("h1"));
                measure(web, path, overflowing);
            }
            web.manage().deleteAllCookies();
            ChromiumSource.logIn(web, server.sourceUrl(), visit.codename());
            measure(web, "/lookup", overflowing);
            web.get(server.sourceUrl() + "/replies/" + replyId + "/delete");
            Chromium.await(web, By.id("confirm-delete"));
            measure(web, "/replies/…/delete", overflowing);
        }
        assertThat(overflowing).as("pages wider than the phone").isEmpty();
    }

    /** The page's own layout, as Chromium computed it: no element reaches past the viewport's right edge. */
    private static void measure(WebDriver web, String path, List<String> overflowing) {
        JavascriptExecutor js = (JavascriptExecutor) web;
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth;")).longValue();
        assertThat(viewport).as("the viewport is a phone's").isLessThanOrEqualTo(360);
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        Object widest = js.executeScript("""
                let worst = null;
                for (const e of document.body.querySelectorAll('*')) {
                  const r = e.getBoundingClientRect();
                  if (r.width > 0 && r.right > document.documentElement.clientWidth + 0.5) {
                    worst = e.tagName + '.' + e.className + ' right=' + r.right;
                  }
                }
                return worst;""");
        if (scroll > viewport || widest != null) {
            overflowing.add(path + ": scrollWidth " + scroll + " > " + viewport + " (" + widest + ")");
        }
    }
}
