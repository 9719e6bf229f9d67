package org.postern.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A notification e-mail that fails is not logged when it fails (the line's time would date the batch of
 * arrivals it announced), only counted and reported at a fixed daily time. The SMTP server here is real enough
 * to fail: it accepts the connection and refuses service in its greeting.
 */
class MailFailureLogTest {

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final ServerSocket REFUSING_SMTP = refusingSmtp();

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .recipientKey()
            .mailTo(REFUSING_SMTP::getLocalPort);

    @AfterAll
    static void stop() throws IOException {
        REFUSING_SMTP.close();
    }

    @Test
    void aFailedSendIsCountedAndReportedOnlyAtTheDailyTime(PosternTestServer server,
            @Investigator("ivy") Person ivy) {
        Page account = ivy.browser().get("/account");
        ivy.browser().post("/account/notifications", Map.of("_csrf", account.csrfToken(),
                "address", "ivy@newsroom.example"));
        NotificationJob job = server.running().review().getBean(NotificationJob.class);
        MailFailures failures = server.running().review().getBean(MailFailures.class);
        job.run();
        failures.report();
        SourceVisit.newSource(server).submit("a message", List.of());

        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        try {
            int before = CONNECTIONS.get();
            assertThat(job.run()).as("the send fails").isZero();
            assertThat(CONNECTIONS.get()).as("the SMTP server was reached").isGreaterThan(before);
            assertThat(captured.list).as("nothing logged when the send fails")
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.INFO));

            failures.report();
            assertThat(captured.list).hasSize(1);
            ILoggingEvent line = captured.list.get(0);
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("1 e-mail notification(s) could not be sent")
                    .doesNotContain("ivy").doesNotContain("newsroom");

            failures.report();
            assertThat(captured.list).as("reported once, then the count starts again").hasSize(1);
        } finally {
            root.detachAppender(captured);
        }
        assertThat(MailFailures.DAILY_REPORT_CRON).as("a fixed time of day").matches("0 0 [0-9]+ \\* \\* \\*");
    }

    /** Answers every connection with a permanent refusal in the greeting, as an SMTP server out of service does. */
    private static ServerSocket refusingSmtp() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                        CONNECTIONS.incrementAndGet();
                        out.write("554 5.3.2 Service not available\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        // the socket closed at the end of the class, or the client went away
                    }
                }
            }, "refusing-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
