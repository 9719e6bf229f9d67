package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postern.testing.DataDirWithKey;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.testing.TestProperties;

/**
 * 50 concurrent codename logins, half with real codenames and half with wrong ones, against a server
 * limited to a 256 MiB heap with the default Argon2id memory cost (64 MiB a run). Argon2Slots allows
 * (max heap / 4) / memory cost runs at once, here one; the rest wait up to max-wait and then get the busy page.
 * The heap is read from the JVM's own GC log (-Xlog:gc): what it held after full collections is the peak.
 */
@Tag("slow")
class ConcurrentCodenameLoginsTest {

    private static final int SOURCES = 5;
    private static final int LOGINS = 50;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private record Outcome(boolean rightCodename, int firstStatus, int tries, boolean finallyIn, long millis) {
    }

    /** One landing-page request: its status (0 if unanswered), time, and whether logins were in flight at its end. */
    private record Landing(int status, long millis, boolean duringLogins) {
    }

    /** Login POSTs sent and not yet answered. */
    private static final java.util.concurrent.atomic.AtomicInteger LOGINS_IN_FLIGHT =
            new java.util.concurrent.atomic.AtomicInteger();

    @Test
    @Timeout(420)
    void fiftyConcurrentLoginsStayWithinTheHeapAndTheLandingPageStillAnswers() throws Exception {
        // New sources are offered only while a recipient key exists.
        try (DataDirWithKey data = DataDirWithKey.create()) {
            stormAgainst(data.dataDir());
        }
    }

    private static void stormAgainst(Path dataDir) throws Exception {
        Path gcLog = Files.createDirectories(Path.of("target", "gc-logs")).toAbsolutePath()
                .resolve("codename-logins-" + ProcessHandle.current().pid() + ".log");
        Files.deleteIfExists(gcLog);
        // Default memory cost (what bounds the heap); one pass instead of three keeps the test short.
        try (PosternProcess server = PosternProcess.start(dataDir,
                List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog + "::filecount=0"),
                "--postern.argon2.iterations=1", "--postern.source.codename-attempts-per-minute=100000")) {
            int slots = TestProperties.forDataDir(dataDir, "postern.argon2.iterations=1").argon2()
                    .effectiveMaxConcurrent(256L * 1024 * 1024);
            List<String> codenames = new ArrayList<>();
            for (int i = 0; i < SOURCES; i++) {
                codenames.add(newSource(server.sourceUrl()));
            }
            List<String> wrong = wrongCodenames(codenames);

            List<Landing> landing = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean storming = new AtomicBoolean(true);
            Thread landingProbe = new Thread(() -> probeLanding(server.sourceUrl(), storming, landing), "landing");
            List<Outcome> outcomes = new ArrayList<>();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            long stormStart = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(LOGINS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> futures = new ArrayList<>();
                for (int i = 0; i < LOGINS; i++) {
                    boolean right = i % 2 == 0;
                    String codename = right ? codenames.get(i / 2 % SOURCES) : wrong.get(i / 2);
                    futures.add(pool.submit(() -> logIn(server.sourceUrl(), codename, right, go, statuses)));
                }
                landingProbe.start();
                go.countDown();
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get());
                }
            } finally {
                storming.set(false);
                pool.shutdownNow();
                landingProbe.join();
            }
            long stormMillis = (System.nanoTime() - stormStart) / 1_000_000;
            String output = server.logText();
            assertThat(server.isAlive()).isTrue();
            assertThat(output).doesNotContain("OutOfMemoryError");
            assertThat(statuses.keySet()).as("every answer: the lookup page, 401, or the busy page (503)")
                    .isSubsetOf(200, 401, 503);
            assertThat(outcomes.stream().filter(Outcome::rightCodename)).as("right codenames get in in the end")
                    .allMatch(Outcome::finallyIn);
            assertThat(outcomes.stream().filter(o -> !o.rightCodename())).as("wrong codenames never do")
                    .noneMatch(Outcome::finallyIn);
            // The property, not a wall-clock bound: the landing page answered, every time, while Argon2id runs
            // queued behind the one slot; it did not wait for the storm to pass.
            assertThat(landing).as("landing page requests made during the storm").isNotEmpty();
            assertThat(landing).as("every landing page request answered 200").allMatch(l -> l.status() == 200);
            long answeredDuringLogins = landing.stream().filter(Landing::duringLogins).count();
            assertThat(answeredDuringLogins).as("landing pages answered while logins were in flight")
                    .isGreaterThanOrEqualTo(5);
            long slowestLanding = landing.stream().mapToLong(Landing::millis).max().orElseThrow();

            long beforeCollection = 0;
            long afterAny = 0;
            long afterFull = -1;
            int collections = 0;
            int full = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    collections++;
                    long after = Long.parseLong(m.group(2));
                    beforeCollection = Math.max(beforeCollection, Long.parseLong(m.group(1)));
                    afterAny = Math.max(afterAny, after);
                    if (line.contains("Pause Full")) {
                        full++;
                        afterFull = Math.max(afterFull, after);
                    }
                }
            }
            assertThat(collections).as("the GC log recorded collections").isPositive();
            // G1 lets the heap fill before it collects, and a young collection that cannot evacuate reports the
            // heap as full afterwards too; only a full collection leaves exactly what is held: the app plus the
            // Argon2id runs in flight. Without one, the highest occupancy after any collection stands in.
            long live = afterFull >= 0 ? afterFull : afterAny;
            assertThat(live).as("peak heap held (MiB)").isLessThan(192);
            System.out.printf("50 codename logins at -Xmx256m, Argon2id 64 MiB x1, %d slot(s): %d ms for the storm, "
                    + "first answers %s, tries until in %s, heap held at most %d MiB (after full collections; before any "
                    + "collection at most %d MiB) over %d collections (%d full), landing page %d requests (%d while "
                    + "logins were in flight), slowest %d ms%n", slots,
                    stormMillis, firstStatuses(outcomes), outcomes.stream().filter(Outcome::rightCodename)
                            .mapToInt(Outcome::tries).summaryStatistics(), live, beforeCollection, collections, full,
                    landing.size(), answeredDuringLogins, slowestLanding);
        }
    }

    @Test
    void theGlobalLimitTurnsAwayLoginsPastIt() {
        try (PosternTestServer server = PosternTestServer.inFreshDataDir("--postern.argon2.memory-kib=64",
                "--postern.argon2.iterations=1", "--postern.source.codename-attempts-per-minute=3",
                "--postern.argon2.max-wait=1s").start()) {
            List<Integer> statuses = new ArrayList<>();
            List<String> headings = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestBrowser browser = new TestBrowser(server.sourceUrl());
                Page form = browser.get("/login");
                Page answer = browser.post("/login", Map.of("_csrf", form.csrfToken(), "codename",
                        "zebra zebra zebra zebra zebra zebra zebra"));
                statuses.add(answer.status());
                headings.add(answer.document().select("h1").text());
            }
            assertThat(statuses.subList(0, 3)).containsOnly(401);
            assertThat(statuses.subList(4, 6)).containsOnly(429);
            assertThat(headings.get(5)).isEqualTo("The server is busy");
        }
    }

    private static Outcome logIn(String url, String codename, boolean right, CountDownLatch go,
            Map<Integer, Integer> statuses) throws InterruptedException {
        TestBrowser browser = new TestBrowser(url);
        Page form = browser.get("/login");
        go.await();
        long start = System.nanoTime();
        int first = 0;
        for (int tries = 1; tries <= 60; tries++) {
            LOGINS_IN_FLIGHT.incrementAndGet();
            Page answer;
            try {
                answer = browser.post("/login", Map.of("_csrf", form.csrfToken(), "codename", codename));
            } finally {
                LOGINS_IN_FLIGHT.decrementAndGet();
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            if (first == 0) {
                first = answer.status();
            }
            boolean in = answer.status() == 200 && answer.path().startsWith("/lookup");
            boolean busy = answer.status() == 503 && answer.text().contains("The server is busy");
            if (in || !busy) {
                return new Outcome(right, first, tries, in, (System.nanoTime() - start) / 1_000_000);
            }
            form = browser.get("/login");
        }
        return new Outcome(right, first, 60, false, (System.nanoTime() - start) / 1_000_000);
    }

    private static void probeLanding(String url, AtomicBoolean storming, List<Landing> answers) {
        TestBrowser visitor = new TestBrowser(url);
        while (storming.get()) {
            long start = System.nanoTime();
            int status = 0;
            try {
                status = visitor.get("/").status();
            } catch (RuntimeException unanswered) {
                // recorded as status 0
            }
            answers.add(new Landing(status, (System.nanoTime() - start) / 1_000_000, LOGINS_IN_FLIGHT.get() > 0));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String newSource(String url) {
        List<Integer> statuses = new ArrayList<>();
        for (int tries = 0; tries < 10; tries++) {
            TestBrowser browser = new TestBrowser(url);
            Page shown = browser.get("/generate");
            String codename = shown.document().getElementById("codename").text();
            Page lookup = browser.post("/create", Map.of("_csrf", shown.csrfToken()));
            if (lookup.status() == 200) {
                return codename;
            }
            statuses.add(lookup.status());
        }
        throw new IllegalStateException("could not create a source: " + statuses);
    }

    /** Real words in the right shape, so each costs a full derivation, but no source has them. */
    private static List<String> wrongCodenames(List<String> right) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; wrong.size() < LOGINS / 2; i++) {
            if (i > 1_000) {
                throw new IllegalStateException("too few distinct words in " + right.size() + " codenames");
            }
            String[] words = right.get(i % right.size()).split(" ");
            Collections.rotate(java.util.Arrays.asList(words), 1 + i / right.size());
            String candidate = String.join(" ", words);
            if (!right.contains(candidate) && !wrong.contains(candidate)) {
                wrong.add(candidate);
            }
        }
        return wrong;
    }

    private static Map<Integer, Long> firstStatuses(List<Outcome> outcomes) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.firstStatus(), 1L, Long::sum));
        return counts;
    }
}
