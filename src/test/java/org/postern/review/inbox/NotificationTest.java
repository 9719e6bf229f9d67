package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * "N new submissions" e-mail, against an in-process SMTP server: only opted-in investigators get it, and the
 * message carries the count and nothing else: no content, no designation, no file name, no date or time.
 */
@Tag("postgresql")
class NotificationTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .recipientKey()
            .mailTo(() -> MAIL.getSmtp().getPort());

    @Test
    void optedInInvestigatorsGetTheCountAndNothingElse(PosternTestServer server, @Investigator("ivy") Person ivy,
            @Investigator("bob") Person bob) throws Exception {
        assertThat(setAddress(ivy, "ivy@newsroom.example").path()).isEqualTo("/account?notifications-saved");
        assertThat(ivy.browser().get("/account").document().getElementById("notify-address").val())
                .isEqualTo("ivy@newsroom.example");
        setAddress(bob, "bob@newsroom.example");
        setAddress(bob, "");
        assertThat(bob.browser().get("/account").document().getElementById("notify-address").val()).isEmpty();
        job().run();
        MAIL.purgeEmailFromAllMailboxes();

        assertThat(job().run()).as("nothing new, no mail").isZero();
        String canary = "CANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        SourceVisit first = SourceVisit.newSource(server).submit("message " + canary, List.of(
                new TestBrowser.FilePart("file-" + canary + ".pdf", () -> new CanaryContent(3_000, canary, 1))));
        SourceVisit second = SourceVisit.newSource(server).submit("another " + canary, List.of());

        assertThat(job().run()).isEqualTo(1);
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ivy@newsroom.example");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("postern@desk.example");
        assertThat(mail.getSubject()).isEqualTo("New submissions");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("3 new submissions are waiting in the review console.");
        assertThat(mail.getMessageID()).matches("<[0-9a-f]{32}@postern\\.invalid>");

        String whole = raw(mail);
        List<String> forbidden = new ArrayList<>(List.of(canary, LocalDate.now(ZoneOffset.UTC).toString()));
        for (SourceVisit visit : List.of(first, second)) {
            forbidden.add(visit.source().designation());
            forbidden.add(visit.source().designation().replace(' ', '-'));
            forbidden.add(visit.source().id());
            forbidden.add(visit.codename());
        }
        String body = GreenMailUtil.getBody(mail);
        for (String needle : forbidden) {
            assertThat(whole).as("message holds " + needle).doesNotContain(needle);
        }
        assertThat(body).doesNotContainPattern("[0-9]{1,2}:[0-9]{2}").doesNotContainPattern("20[0-9]{2}");

        MAIL.purgeEmailFromAllMailboxes();
        assertThat(job().run()).as("counted once only").isZero();
        second.submit("one more", List.of());
        assertThat(job().run()).isEqualTo(1);
        assertThat(GreenMailUtil.getBody(MAIL.getReceivedMessages()[0]))
                .isEqualTo("1 new submission is waiting in the review console.");
    }

    @Test
    void onlyAPlainAddressIsAccepted(@Investigator("bob") Person bob) {
        for (String bad : List.of("not an address", "a@b", "ivy@example.org\r\nBcc: spy@evil.example",
                "Ivy <ivy@example.org>", "a@example.org, b@example.org", "x".repeat(250) + "@example.org")) {
            Page refused = setAddress(bob, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.document().getElementById("notification-error")).as(bad).isNotNull();
        }
        assertThat(bob.browser().get("/account").document().getElementById("notify-address").val()).isEmpty();
    }

    private static NotificationJob job() {
        return POSTERN.server().running().review().getBean(NotificationJob.class);
    }

    private static Page setAddress(Person person, String address) {
        Page account = person.browser().get("/account");
        return person.browser().post("/account/notifications", Map.of("_csrf", account.csrfToken(),
                "address", address));
    }

    private static String raw(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
