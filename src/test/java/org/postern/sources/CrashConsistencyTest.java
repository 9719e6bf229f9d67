package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postern.testing.GnuPG;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternProcess;
import org.postern.testing.TestDatabase;
import org.postern.testing.ThrowawayPostgres;
import org.postern.testing.PosternTestServer;

/**
 * SIGKILL at random moments under concurrent uploads, then a restart on the same data dir, over and
 * over. After each kill and restart: every submission whose "received" page a client got is there and gpg
 * decrypts it to the exact bytes; every row in the database decrypts to a part some client sent whole (never a
 * truncated one); startup recovery removed exactly the unfinished blobs, rows without a blob and blobs without
 * a row, and logged only their counts; no plaintext rests anywhere in the data dir or the temp dir.
 *
 * <p>The seed is logged; rerun one with {@code -Dpostern.crash.seed=N}. Every fourth round also plants what a
 * crash rarely produces on its own: a published blob no row names, and a confirmed blob lost from the disk
 * (its row must go, and it no longer counts as present).
 */
@Tag("slow")
@Tag("postgresql")
class CrashConsistencyTest {

    /** The most kills a run may ask for, with -Dpostern.crash.kills; the timeout is set for this many. */
    private static final int MAX_KILLS = 20;
    /** 20 on H2; the build's PostgreSQL run asks for fewer (pom.xml), for CI's time budget. */
    private static final int KILLS = Integer.getInteger("postern.crash.kills", MAX_KILLS);
    private static final int CLIENTS = 3;
    /** Most kills must cut an upload in half; the rest land between requests or in a login. */
    private static final int MID_UPLOAD_KILLS = KILLS * 3 / 4;
    private static final int MID_UPLOAD_WAIT_S = 5;
    private static final Duration MID_UPLOAD_WAIT = Duration.ofSeconds(MID_UPLOAD_WAIT_S);
    private static final int CLIENT_STOP_S = 30;
    private static final Duration CLIENT_STOP = Duration.ofSeconds(CLIENT_STOP_S);
    /** Upload before the kill: 0.3 s plus up to 2.2 s. */
    private static final int UPLOAD_S = 3;
    /**
     * Most rounds start that clock once every client is in (logged in, or its source created), however long that
     * took: a loaded machine (or PostgreSQL's own processes on the same cores) slows the first requests of a fresh
     * JVM by seconds, and a clock started with the server would then kill before anything could be confirmed.
     * The other rounds start it with the server, so that some kills land in a login or a source's creation.
     */
    private static final int CLIENTS_IN_S = 60;
    private static final int KILLS_FROM_START_ONE_IN = 5;
    /** PosternProcess waits up to 90 s for a start and 20 s for a stop. */
    private static final int START_AND_STOP_S = 90 + 20;
    /** Reading the store and decrypting the round's new blobs with gpg, generously. */
    private static final int CHECKS_S = 60;
    /** The whole test's timeout is the sum of every wait in it, so an inner wait always reports first. */
    private static final int ROUND_S = START_AND_STOP_S + CLIENTS_IN_S + UPLOAD_S + MID_UPLOAD_WAIT_S
            + CLIENTS * CLIENT_STOP_S + CHECKS_S;
    private static final Pattern RECOVERY = Pattern.compile(
            "Store recovery removed (\\d+) unfinished blobs, (\\d+) rows without a blob, (\\d+) blobs without a row");
    private static final Pattern HEX_ID = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])");

    private final Map<String, CrashClient.Part> triedBySha = new ConcurrentHashMap<>();
    /** Verified blobs: blob id to the part gpg gave back, and its size then. */
    private final Map<String, CrashClient.Part> verified = new HashMap<>();
    private final Set<String> lostOnPurpose = new HashSet<>();

    @Test
    @Timeout((MAX_KILLS + 1) * ROUND_S)
    void killedAtRandomMomentsNothingConfirmedIsLostAndNothingElseRemains() throws Exception {
        assertThat(KILLS).as("postern.crash.kills").isBetween(1, MAX_KILLS);
        long seed = Long.getLong("postern.crash.seed", new SecureRandom().nextLong() & Long.MAX_VALUE);
        // Printed, not logged: the in-process command below ends the test JVM's logging setup with its context.
        System.out.println("Crash consistency seed: " + seed + " (rerun with -Dpostern.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> database = TestDatabase.freshSettings();
        String jdbcUrl = database.stream().filter(s -> s.startsWith("--spring.datasource.url="))
                .map(s -> s.substring("--spring.datasource.url=".length())).findFirst().orElse(null);
        PosternTestServer setup = PosternTestServer.inFreshDataDir(database);
        Path dataDir = setup.dataDir();
        Path scratch = Files.createTempDirectory(Path.of("target"), "crash-scratch");
        Path tmp = Files.createDirectories(Path.of("target", "jvm-tmp", "crash-postern")).toAbsolutePath();
        List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp);
        List<String> all = new ArrayList<>(List.of("--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1",
                "--postern.source.codename-attempts-per-minute=1000",
                // Each client uploads back to back for 20 rounds; the daily quota is not what this test is about.
                "--postern.uploads.submissions-per-source-per-day=1000000"));
        all.addAll(database);
        String[] settings = all.toArray(String[]::new);
        List<CrashClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new CrashClient(i, seed, triedBySha));
        }
        long started = System.nanoTime();
        int confirmedSubmissions = 0;
        int killsMidUpload = 0;
        Map<String, Integer> failureKinds = new java.util.TreeMap<>();
        try (GnuPG gpg = GnuPG.create()) {
            Path key = gpg.exportArmoredTo(gpg.generateCurve25519("Crash <crash@example.org>"), scratch);
            assertThat(setup.command("recipients", "add", key.toString()).exitCode()).isZero();
            StoreSnapshot expected = new StoreSnapshot(Set.of(), Set.of(), Map.of());
            StoreSnapshot previous = expected;
            Set<String> scannedBlobs = new HashSet<>();
            List<String> recoveryLines = new ArrayList<>();
            for (int round = 1; round <= KILLS + 1; round++) {
                long t0 = System.nanoTime();
                int confirmedBefore = confirmedSubmissions;
                PosternProcess server = PosternProcess.start(dataDir, jvm, settings);
                long t1 = System.nanoTime();
                recoveryLines.add(checkRecoveryLog(server, previous, round));
                if (round > KILLS) {
                    server.close();
                } else {
                    Round result = uploadUntilKilled(server, clients, random);
                    confirmedSubmissions += result.confirmed();
                    killsMidUpload += result.midUpload() ? 1 : 0;
                    for (CrashClient.Failure f : result.failures()) {
                        failureKinds.merge(f.kind(), 1, Integer::sum);
                        assertThat(f.kind()).as("round %d: a client failure: %s", round, f.detail())
                                .isIn("connection refused", "connection cut");
                        assertThat(f.at()).as("round %d: a client failed before the kill: %s", round, f.detail())
                                .isGreaterThanOrEqualTo(result.killedAt());
                    }
                }
                StoreSnapshot now = StoreSnapshot.read(dataDir, scratch, jdbcUrl);
                assertOrphansOfLastKillAreGone(previous, now, round);
                verifyRows(now, gpg, dataDir);
                assertConfirmedArePresent(clients, now, round);
                assertNoPlaintext(seed, dataDir, tmp, now, scannedBlobs, round > KILLS);
                if (round % 4 == 0 && round <= KILLS) {
                    plantOrphans(now, dataDir, random);
                    now = StoreSnapshot.read(dataDir, scratch, jdbcUrl);
                }
                previous = now;
                System.out.printf("Crash round %d: start %d ms, %d confirmed, whole round %d ms%n", round,
                        (t1 - t0) / 1_000_000, confirmedSubmissions - confirmedBefore,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            StoreSnapshot last = StoreSnapshot.read(dataDir, scratch, jdbcUrl);
            assertThat(last.incoming()).isEmpty();
            assertThat(last.blobsWithoutRow()).isEmpty();
            assertThat(last.rowsWithoutBlob()).isEmpty();
            System.out.printf("Crash consistency (seed %d): %d kills, %d while a file was streaming, client "
                    + "failures %s, %d confirmed submissions (%d parts), %d rows "
                    + "verified by gpg, recovery counts (unfinished/rows/blobs) per start: %s; %d s%n", seed, KILLS,
                    killsMidUpload, failureKinds, confirmedSubmissions, clients.stream().mapToInt(c -> c.confirmedParts().size()).sum(),
                    verified.size(), recoveryLines, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertThat(confirmedSubmissions).as("the clients got submissions through between kills")
                    .isGreaterThan(KILLS);
            assertThat(killsMidUpload).as("kills that landed while a file was streaming into a request")
                    .isGreaterThanOrEqualTo(MID_UPLOAD_KILLS);
        }
    }

    /** One round: confirmed submissions, whether the kill landed mid-upload, and every client's failure. */
    private record Round(int confirmed, boolean midUpload, long killedAt, List<CrashClient.Failure> failures) {
    }

    private Round uploadUntilKilled(PosternProcess server, List<CrashClient> clients, Random random)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (CrashClient client : clients) {
            client.useServer(server.sourceUrl());
            Thread thread = new Thread(client, "crash-client");
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        if (random.nextInt(KILLS_FROM_START_ONE_IN) != 0) {
            long inBy = started + Duration.ofSeconds(CLIENTS_IN_S).toNanos();
            while (System.nanoTime() < inBy && !allIn(clients, threads)) {
                Thread.sleep(5);
            }
        }
        long clock = System.nanoTime();
        Thread.sleep(300 + random.nextInt(2_200));
        // Then wait, briefly, for a moment when some file is streaming, so that the kill cuts an upload in half.
        long deadline = System.nanoTime() + MID_UPLOAD_WAIT.toNanos();
        boolean midUpload = false;
        while (!(midUpload = clients.stream().anyMatch(CrashClient::midUpload)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long killedAt = System.nanoTime();
        server.kill();
        int confirmed = 0;
        List<CrashClient.Failure> failures = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            // A client's last request ends when the dead server's socket closes; HttpClient gives up then.
            threads.get(i).join(CLIENT_STOP.toMillis());
            assertThat(threads.get(i).isAlive()).as("client %d stopped after the kill", i).isFalse();
            confirmed += clients.get(i).confirmedThisRound();
            failures.addAll(clients.get(i).failures());
        }
        clients.forEach(CrashClient::clearFailures);
        System.out.printf("Crash round: clients in after %s ms, kill clock from %d ms, kill at %d ms%n",
                clients.stream().map(c -> c.in() ? String.valueOf((c.inAt() - started) / 1_000_000) : "-").toList(),
                (clock - started) / 1_000_000, (killedAt - started) / 1_000_000);
        return new Round(confirmed, midUpload, killedAt, failures);
    }

    /** Every client is in, or has stopped trying. */
    private static boolean allIn(List<CrashClient> clients, List<Thread> threads) {
        for (int i = 0; i < clients.size(); i++) {
            if (!clients.get(i).in() && threads.get(i).isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** The restarted server logged exactly the counts the killed state held, and no name or id of any of them. */
    private static String checkRecoveryLog(PosternProcess server, StoreSnapshot killed, int round) {
        String text = server.logText();
        int incomplete = killed.incoming().size();
        int rows = killed.rowsWithoutBlob().size();
        int blobs = killed.blobsWithoutRow().size();
        Matcher m = RECOVERY.matcher(text);
        String line = "0/0/0";
        if (incomplete + rows + blobs > 0) {
            assertThat(m.find()).as("round %d: recovery logs its counts", round).isTrue();
            assertThat(List.of(m.group(1), m.group(2), m.group(3))).as("round %d: counts logged", round)
                    .containsExactly(String.valueOf(incomplete), String.valueOf(rows), String.valueOf(blobs));
            line = incomplete + "/" + rows + "/" + blobs;
        } else {
            assertThat(m.find()).as("round %d: nothing to recover, nothing logged", round).isFalse();
        }
        Matcher ids = HEX_ID.matcher(text);
        assertThat(ids.find()).as("round %d: no blob or row id in the log", round).isFalse();
        for (String name : killed.incoming()) {
            assertThat(text).doesNotContain(name);
        }
        for (String row : killed.rowsWithoutBlob()) {
            assertThat(text).doesNotContain(row.substring(row.indexOf(':') + 1));
        }
        assertThat(text).doesNotContain("CRASHCANARY").doesNotContain("CRASHFILE").doesNotContain("message.txt");
        return line;
    }

    private static void assertOrphansOfLastKillAreGone(StoreSnapshot killed, StoreSnapshot now, int round) {
        assertThat(common(now.incoming(), killed.incoming()))
                .as("round %d: unfinished blobs of the last kill removed", round).isEmpty();
        assertThat(common(now.blobs(), killed.blobsWithoutRow()))
                .as("round %d: blobs without a row removed", round).isEmpty();
        assertThat(common(now.rowBlobs().values(), killed.rowsWithoutBlob()))
                .as("round %d: rows without a blob removed", round).isEmpty();
    }

    private static Set<String> common(java.util.Collection<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** Every row whose blob exists decrypts, whole and intact, to a part some client sent. */
    private void verifyRows(StoreSnapshot now, GnuPG gpg, Path dataDir) throws IOException {
        for (String blob : now.rowBlobs().keySet()) {
            Path file = dataDir.resolve("store").resolve(blob);
            if (!now.blobs().contains(blob)) {
                continue;
            }
            if (verified.containsKey(blob)) {
                continue;
            }
            GnuPG.DecryptedDigest d = gpg.decryptToDigest(file);
            assertThat(d.integrityOk()).as("blob %s decrypts with a good MDC: %s", blob, d.status()).isTrue();
            CrashClient.Part part = triedBySha.get(d.sha256());
            assertThat(part).as("blob %s (%d bytes) is exactly a part some client sent", blob, d.length())
                    .isNotNull();
            assertThat(d.fileName()).isEqualTo(part.literalName());
            assertThat(d.length()).isEqualTo(part.length());
            verified.put(blob, part);
        }
    }

    private void assertConfirmedArePresent(List<CrashClient> clients, StoreSnapshot now, int round) {
        Set<String> present = new HashSet<>();
        now.rowBlobs().keySet().stream().filter(now.blobs()::contains).map(verified::get)
                .forEach(p -> present.add(p.key()));
        for (CrashClient client : clients) {
            Set<String> expected = new HashSet<>(client.confirmedParts());
            expected.removeAll(lostOnPurpose);
            assertThat(present).as("round %d: every confirmed part is stored and decrypts", round)
                    .containsAll(expected);
            client.partsBySubmission().forEach((submission, parts) -> {
                List<String> kept = parts.stream().filter(p -> present.contains(p) || lostOnPurpose.contains(p))
                        .toList();
                assertThat(kept).as("round %d: submission %s is all or nothing", round, submission)
                        .satisfiesAnyOf(k -> assertThat(k).isEmpty(), k -> assertThat(k).isEqualTo(parts));
            });
        }
    }

    /** Fast enough to run every round: published blobs are scanned once, everything else every time. */
    private static void assertNoPlaintext(long seed, Path dataDir, Path tmp, StoreSnapshot now,
            Set<String> scannedBlobs, boolean everything) {
        List<Path> roots = new ArrayList<>(List.of(dataDir.resolve("db"), dataDir.resolve("secrets"),
                dataDir.resolve("store/incoming"), tmp));
        if (everything) {
            roots.addAll(List.of(dataDir, Path.of(System.getProperty("java.io.tmpdir"))));
            if ("postgresql".equals(System.getProperty("postern.test.database"))) {
                roots.add(ThrowawayPostgres.dataDirectory());
            }
        } else {
            for (String blob : now.blobs()) {
                Path file = dataDir.resolve("store").resolve(blob);
                // A blob the test removed on purpose (a disk that lost a file) has nothing left to scan.
                if (Files.exists(file) && scannedBlobs.add(blob)) {
                    roots.add(file);
                }
            }
        }
        assertThat(PlaintextScanner.findAll(roots, PlaintextScanner.needles(CrashClient.canaryPrefix(seed),
                CrashClient.fileNamePrefix(seed)))).isEmpty();
    }

    /**
     * What a crash between publishing a blob and committing its row leaves, and what a disk that lost a file
     * leaves: both must be gone after the next start, and counted in its log line.
     */
    private void plantOrphans(StoreSnapshot now, Path dataDir, Random random) throws IOException {
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        byte[] name = new byte[16];
        random.nextBytes(name);
        Files.write(dataDir.resolve("store").resolve(java.util.HexFormat.of().formatHex(name)), noise);
        List<String> stored = now.rowBlobs().keySet().stream().filter(now.blobs()::contains).sorted().toList();
        if (!stored.isEmpty()) {
            String lost = stored.get(random.nextInt(stored.size()));
            Files.delete(dataDir.resolve("store").resolve(lost));
            lostOnPurpose.add(verified.get(lost).key());
        }
    }
}
