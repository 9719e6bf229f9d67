package org.postern.sources;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.postern.testing.CanaryContent;
import org.postern.testing.Page;
import org.postern.testing.TestBrowser;

/**
 * One source uploading again and again, message plus 0-2 files of a few KB to some MB, until the server dies
 * under it. Every part it ever tried is known by its content hash; a submission counts as confirmed only if
 * the "received" page came back.
 */
final class CrashClient implements Runnable {

    /** One part of a submission: what gpg must give back for it. */
    record Part(String key, String literalName, long length, String sha256) {
    }

    private final int number;
    private final long seed;
    private final Random random;
    private final Map<String, Part> triedBySha;
    private final Set<String> confirmed;
    private final Map<String, List<String>> partsBySubmission = new ConcurrentHashMap<>();
    private String codename;
    private String baseUrl;
    private int submissions;
    private int confirmedThisRound;
    /** When this round's lookup page came back (System.nanoTime()), or 0 while the client is not in yet. */
    private volatile long inAt;
    /** File parts being read into a request right now: the client is mid-upload while this is above zero. */
    private final java.util.concurrent.atomic.AtomicInteger streaming = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    /** What ended a round for this client, and when (System.nanoTime()). */
    record Failure(String kind, String detail, long at) {
    }

    CrashClient(int number, long seed, Map<String, Part> triedBySha) {
        this.number = number;
        this.seed = seed;
        this.random = new Random(seed * 31 + number);
        this.triedBySha = triedBySha;
        this.confirmed = ConcurrentHashMap.newKeySet();
    }

    static String canaryPrefix(long seed) {
        return "CRASHCANARY-" + seed + "-";
    }

    static String fileNamePrefix(long seed) {
        return "CRASHFILE-" + seed + "-";
    }

    /** Where the next round runs. */
    void useServer(String sourceUrl) {
        this.baseUrl = sourceUrl;
    }

    /** Keys of every part of every confirmed submission, across all rounds. */
    Set<String> confirmedParts() {
        return confirmed;
    }

    /** Every submission this client tried, with the keys of its parts. */
    Map<String, List<String>> partsBySubmission() {
        return partsBySubmission;
    }

    int confirmedThisRound() {
        return confirmedThisRound;
    }

    /** Logged in (or the source created) this round, with a lookup page to submit from. */
    boolean in() {
        return inAt != 0;
    }

    long inAt() {
        return inAt;
    }

    /** True while a file part's bytes are flowing into a request. */
    boolean midUpload() {
        return streaming.get() > 0;
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    void clearFailures() {
        failures.clear();
    }

    @Override
    public void run() {
        confirmedThisRound = 0;
        inAt = 0;
        try {
            TestBrowser browser = new TestBrowser(baseUrl);
            Page lookup = codename == null ? null : logIn(browser);
            if (lookup == null) {
                // A first round, or a kill between showing a codename and creating the source.
                lookup = create(browser);
            }
            inAt = System.nanoTime();
            while (lookup != null && !Thread.currentThread().isInterrupted()) {
                List<Part> parts = new ArrayList<>();
                String id = "c" + number + "-s" + (++submissions);
                String message = canaryPrefix(seed) + id + "-message: the minutes of the meeting, part " + id;
                parts.add(part(id + "-m", "message.txt", message.getBytes(StandardCharsets.UTF_8)));
                List<TestBrowser.FilePart> files = new ArrayList<>();
                int fileCount = random.nextInt(3);
                for (int f = 0; f < fileCount; f++) {
                    long length = size();
                    String canary = canaryPrefix(seed) + id + "-f" + f;
                    long contentSeed = random.nextLong();
                    String name = fileNamePrefix(seed) + id + "-f" + f + ".bin";
                    parts.add(record(new Part(id + "-f" + f, name, length,
                            CanaryContent.sha256(length, canary, contentSeed))));
                    files.add(new TestBrowser.FilePart(name, () -> new Streaming(new CanaryContent(length, canary,
                            contentSeed))));
                }
                partsBySubmission.put(id, parts.stream().map(Part::key).toList());
                Page receipt = browser.submit(lookup, message, files);
                if (receipt.status() == 200 && receipt.document().getElementById("receipt") != null) {
                    parts.forEach(p -> confirmed.add(p.key()));
                    confirmedThisRound++;
                    // The receipt is the lookup page again, with a fresh one-time form: the old one is spent.
                    lookup = receipt;
                } else {
                    // A live server never answers a well-formed upload with anything but its receipt.
                    failures.add(new Failure("unexpected answer", receipt.status() + " " + receipt.path(),
                            System.nanoTime()));
                    return;
                }
            }
        } catch (UncheckedIOException serverGone) {
            // The kill: whatever was in flight is unconfirmed. Recorded, so the test can check when it happened.
            failures.add(new Failure(classify(serverGone.getCause()), String.valueOf(serverGone.getCause()),
                    System.nanoTime()));
        } catch (IllegalStateException e) {
            failures.add(new Failure("unexpected answer", String.valueOf(e.getMessage()), System.nanoTime()));
        } finally {
            streaming.set(0);
        }
    }

    /** Refused: the server was already gone. Cut: it died during the exchange. */
    static String classify(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.io.IOException) {
            return "connection cut";
        }
        return "other: " + (cause == null ? "none" : cause.getClass().getSimpleName());
    }

    /** Counts itself as streaming from its first read until its end or close. */
    private final class Streaming extends java.io.FilterInputStream {
        private boolean started;
        private boolean ended;

        Streaming(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            begin();
            int n = super.read(b, off, len);
            if (n < 0) {
                end();
            }
            return n;
        }

        @Override
        public int read() throws java.io.IOException {
            begin();
            int c = super.read();
            if (c < 0) {
                end();
            }
            return c;
        }

        @Override
        public void close() throws java.io.IOException {
            end();
            super.close();
        }

        private void begin() {
            if (!started) {
                started = true;
                streaming.incrementAndGet();
            }
        }

        private void end() {
            if (started && !ended) {
                ended = true;
                streaming.decrementAndGet();
            }
        }
    }

    private Page create(TestBrowser browser) {
        Page shown = browser.get("/generate");
        codename = shown.document().getElementById("codename").text();
        Page lookup = browser.post("/create", Map.of("_csrf", shown.csrfToken()));
        if (lookup.status() != 200) {
            throw new IllegalStateException("source not created: " + lookup.status());
        }
        return lookup;
    }

    private Page logIn(TestBrowser browser) {
        Page form = browser.get("/login");
        Page lookup = browser.post("/login", Map.of("_csrf", form.csrfToken(), "codename", codename));
        return lookup.status() == 200 && lookup.path().startsWith("/lookup") ? lookup : null;
    }

    /** Mostly small, some up to 1 MiB, a few up to 4 MiB. */
    private long size() {
        int bucket = random.nextInt(10);
        if (bucket < 6) {
            return 2_048 + random.nextInt(62 * 1024);
        }
        return bucket < 9 ? 64 * 1024 + random.nextInt(960 * 1024) : (1 << 20) + random.nextInt(3 << 20);
    }

    private Part part(String key, String literalName, byte[] content) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(new ByteArrayInputStream(content).readAllBytes()));
            return record(new Part(key, literalName, content.length, sha));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Part record(Part part) {
        triedBySha.put(part.sha256(), part);
        return part;
    }
}
