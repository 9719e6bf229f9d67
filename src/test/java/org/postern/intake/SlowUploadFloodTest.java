package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.intake.internal.UploadSlots;
import org.postern.testing.CanaryContent;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

/**
 * 400 connections each trickle one byte a second into /submit for two minutes, reconnecting whenever the server
 * cuts them. Meanwhile real 20 MB submissions arrive within 60 s each, request threads stay under Tomcat's bound
 * and the upload slots under theirs, and the heap does not grow with the flood. Default limits throughout.
 */
@Tag("slow")
class SlowUploadFloodTest {

    private static final int TRICKLERS = 400;
    private static final Duration HOLD = Duration.ofMinutes(2);
    private static final long REAL_BYTES = 20L * 1000 * 1000;
    private static final Duration REAL_WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void realSubmissionsArriveWhileFourHundredConnectionsTrickle(PosternTestServer server) throws Exception {
        TestBrowser attacker = SourceVisit.newSource(server).browser();
        String action = TestBrowser.uploadAction(attacker.get("/lookup"));
        HttpCookie cookie = attacker.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(IntakeWebApplication.SESSION_COOKIE)).findFirst().orElseThrow();
        TestBrowser source = SourceVisit.newSource(server).browser();

        long heapBefore = usedHeapAfterGc();
        Flood flood = new Flood(server.running().sourcePort(), action, cookie.getName() + "=" + cookie.getValue());
        Thread flooding = new Thread(flood, "trickle-flood");
        flooding.setDaemon(true);
        long started = System.nanoTime();
        flooding.start();
        AtomicInteger peakThreads = new AtomicInteger();
        AtomicInteger peakSlots = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakThreads.accumulateAndGet(requestThreads(), Math::max);
                peakSlots.accumulateAndGet(server.running().intake().getBean(UploadSlots.class).held(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "flood-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<String> timings = new ArrayList<>();
        try {
            for (Duration at : List.of(Duration.ofSeconds(15), Duration.ofSeconds(65), Duration.ofSeconds(110))) {
                sleepUntil(started, at);
                assertThat(flood.open()).as("connections trickling").isGreaterThan(TRICKLERS / 2);
                long t0 = System.nanoTime();
                int attempts = 0;
                Page result;
                do {
                    attempts++;
                    result = source.submit(source.get("/lookup"), "real one at " + at,
                            List.of(new TestBrowser.FilePart("real.bin",
                                    () -> new CanaryContent(REAL_BYTES, "FLOODREAL", 3))));
                } while (result.status() == 503 && Duration.ofNanos(System.nanoTime() - t0).compareTo(REAL_WITHIN) < 0);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                timings.add(String.format("at %ds: %d ms, %d attempt(s), %d trickling", at.toSeconds(),
                        took.toMillis(), attempts, flood.open()));
                assertThat(result.status()).as("%s: %s", at, result.text()).isEqualTo(200);
                assertThat(took).as("a real 20 MB submission during the flood").isLessThan(REAL_WITHIN);
            }
            sleepUntil(started, HOLD);
            long heapDuring = usedHeapAfterGc();
            System.out.printf("Slow-upload flood: %d connections at 1 byte/s for %d s; real 20 MB submissions %s; "
                    + "server cut or refused %d trickling requests; peak source request threads %d; peak upload "
                    + "slots %d; heap after GC %d MiB before, %d MiB during%n", TRICKLERS, HOLD.toSeconds(), timings,
                    flood.cuts.get(), peakThreads.get(), peakSlots.get(), heapBefore >> 20, heapDuring >> 20);
            assertThat(peakSlots.get()).isLessThanOrEqualTo(32);
            assertThat(peakThreads.get()).as("source request threads").isLessThanOrEqualTo(200);
            assertThat(heapDuring - heapBefore).as("heap growth under the flood").isLessThan(128L << 20);
            assertThat(flood.cuts.get()).as("trickling requests the server cut or refused").isPositive();
        } finally {
            flood.stop();
            flooding.join(10_000);
            sampler.interrupt();
        }
        assertThat(server.bean(org.postern.sources.SubmissionRepository.class).findAll().stream()
                .filter(s -> s.encryptedSize() >= REAL_BYTES).count()).as("real files kept").isEqualTo(3);
    }

    private static int requestThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("postern-source-exec-")).count();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleepUntil(long started, Duration at) throws InterruptedException {
        long left = started + at.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    /** One thread keeps {@link #TRICKLERS} uploads open, each sending a byte a second, reopening cut ones. */
    private static final class Flood implements Runnable {
        private final int port;
        private final byte[] head;
        private final Socket[] sockets = new Socket[TRICKLERS];
        private final AtomicLong cuts = new AtomicLong();
        private volatile boolean running = true;
        private volatile int open;

        Flood(int port, String action, String cookie) {
            this.port = port;
            String boundary = "TrickleTrickle";
            this.head = ("POST " + action + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: 10000000\r\n\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"t.bin\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        int open() {
            return open;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                long tick = System.nanoTime();
                int alive = 0;
                for (int i = 0; i < sockets.length && running; i++) {
                    try {
                        if (sockets[i] == null) {
                            Socket s = new Socket();
                            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                            s.getOutputStream().write(head);
                            sockets[i] = s;
                        } else {
                            OutputStream out = sockets[i].getOutputStream();
                            out.write('x');
                            out.flush();
                        }
                        alive++;
                    } catch (IOException cut) {
                        cuts.incrementAndGet();
                        close(i);
                    }
                }
                open = alive;
                long rest = 1_000_000_000L - (System.nanoTime() - tick);
                if (rest > 0) {
                    try {
                        Thread.sleep(rest / 1_000_000);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            }
            for (int i = 0; i < sockets.length; i++) {
                close(i);
            }
        }

        private void close(int i) {
            if (sockets[i] != null) {
                try {
                    sockets[i].setSoLinger(true, 0);
                    sockets[i].close();
                } catch (IOException ignored) {
                    // Already gone.
                }
                sockets[i] = null;
            }
        }
    }
}
