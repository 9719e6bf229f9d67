package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;

/**
 * Twenty clients loop junk codenames, half malformed and half well-formed but never issued, at the default
 * budget of 60 failed lookups a minute. A real source must still create a codename and then log in with it,
 * each on its first try: creating is not a guess, and a login waits its turn in line behind at most the
 * flooders' turns already handed out.
 */
@Tag("slow")
class SourceLockoutFloodTest {

    private static final int FLOODERS = 20;

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.source.codename-attempts-per-minute=60").recipientKey();

    @Test
    @Timeout(400)
    void aFloodOfJunkCodenamesLocksNoRealSourceOut(PosternTestServer server) throws Exception {
        String url = server.sourceUrl();
        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, Integer> floodStatuses = new ConcurrentHashMap<>();
        AtomicInteger wellFormedAnswers = new AtomicInteger();
        List<Thread> flooders = new ArrayList<>();
        for (int i = 0; i < FLOODERS; i++) {
            String junk = i % 2 == 0 ? "not a codename " + i
                    : "abacus abdomen abdominal abide abiding ability " + (i < 10 ? "ablaze" : "able");
            AtomicInteger answered = i % 2 == 0 ? new AtomicInteger() : wellFormedAnswers;
            Thread t = new Thread(() -> flood(url, junk, flooding, floodStatuses, answered), "flooder-" + i);
            t.setDaemon(true);
            flooders.add(t);
            t.start();
        }
        try {
            // Until the whole burst of 60 well-formed guesses is spent and the flooders queue up behind it.
            long deadline = System.nanoTime() + 150_000_000_000L;
            while (wellFormedAnswers.get() < 70 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(wellFormedAnswers.get()).as("well-formed guesses answered").isGreaterThanOrEqualTo(70);

            TestBrowser newSource = new TestBrowser(url);
            Page shown = newSource.get("/generate");
            String codename = shown.document().getElementById("codename").text();
            long start = System.nanoTime();
            Page created = newSource.post("/create", Map.of("_csrf", shown.csrfToken()));
            long createMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(created.status()).as("creating a codename during the flood").isEqualTo(200);
            assertThat(created.path()).startsWith("/lookup");

            TestBrowser returning = new TestBrowser(url);
            Page form = returning.get("/login");
            start = System.nanoTime();
            Page in = returning.post("/login", Map.of("_csrf", form.csrfToken(), "codename", codename));
            long loginMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(in.status()).as("logging in during the flood, body: %s", in.text()).isEqualTo(200);
            assertThat(in.path()).startsWith("/lookup");
            System.out.printf("Source lockout flood: %d flooders (half malformed, half well-formed), budget "
                    + "60/min: create %d ms, login %d ms; flood answers %s%n", FLOODERS, createMillis,
                    loginMillis, new java.util.TreeMap<>(floodStatuses));
        } finally {
            flooding.set(false);
            for (Thread t : flooders) {
                t.join(35_000);
            }
        }
    }

    private static void flood(String url, String junk, AtomicBoolean flooding, Map<Integer, Integer> statuses,
            AtomicInteger answered) {
        TestBrowser browser = new TestBrowser(url);
        String csrf = browser.get("/login").csrfToken();
        while (flooding.get()) {
            try {
                Page answer = browser.post("/login", Map.of("_csrf", csrf, "codename", junk));
                statuses.merge(answer.status(), 1, Integer::sum);
                answered.incrementAndGet();
            } catch (RuntimeException e) {
                statuses.merge(-1, 1, Integer::sum);
            }
        }
    }
}
