package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.config.PosternProperties;
import org.postern.testing.TestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Codename to lookup id and reply seed: deterministic per server, unrelated across servers, bounded in load. */
class CodenameKdfTest {

    private static final Logger log = LoggerFactory.getLogger(CodenameKdfTest.class);
    private static final Codename CODENAME = Codename.parse("alpha bravo charlie delta echo foxtrot golf");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;
    @TempDir
    Path otherDataDir;

    @Test
    void sameCodenameAndPeppersGiveTheSameSecretsEvenAfterRestart() {
        SourceSecrets first = cheapKdf(dataDir).derive(CODENAME);
        SourceSecrets again = cheapKdf(dataDir).derive(Codename.parse(CODENAME.revealToSource()));

        assertThat(again.lookupId()).isEqualTo(first.lookupId()).matches("[0-9a-f]{64}");
        assertThat(seedHex(again)).isEqualTo(seedHex(first));
    }

    @Test
    void differentCodenameGivesDifferentSecrets() {
        CodenameKdf kdf = cheapKdf(dataDir);
        SourceSecrets a = kdf.derive(CODENAME);
        SourceSecrets b = kdf.derive(Codename.parse("alpha bravo charlie delta echo foxtrot hotel"));

        assertThat(b.lookupId()).isNotEqualTo(a.lookupId());
        assertThat(seedHex(b)).isNotEqualTo(seedHex(a));
    }

    @Test
    void caseAndExtraWhitespaceDoNotMatter() {
        CodenameKdf kdf = cheapKdf(dataDir);
        Codename sloppy = Codename.parse("  ALPHA Bravo\tcharlie   delta\n echo FOXTROT  golf ");

        assertThat(sloppy.revealToSource()).isEqualTo(CODENAME.revealToSource());
        assertThat(kdf.derive(sloppy).lookupId()).isEqualTo(kdf.derive(CODENAME).lookupId());
    }

    @Test
    void anotherServersPeppersGiveUnrelatedSecrets() {
        SourceSecrets here = cheapKdf(dataDir).derive(CODENAME);
        SourceSecrets there = cheapKdf(otherDataDir).derive(CODENAME);

        assertThat(there.lookupId()).isNotEqualTo(here.lookupId());
        assertThat(seedHex(there)).isNotEqualTo(seedHex(here));
    }

    @Test
    void lookupIdAndReplySeedComeFromSeparatePeppers() throws Exception {
        SourceSecrets before = cheapKdf(dataDir).derive(CODENAME);
        assertThat(before.lookupId()).isNotEqualTo(seedHex(before));

        // A new reply pepper changes only the seed: the stored lookup id carries nothing of it.
        Files.write(dataDir.resolve("secrets/reply-pepper"), randomBytes(32));
        SourceSecrets after = cheapKdf(dataDir).derive(CODENAME);

        assertThat(after.lookupId()).isEqualTo(before.lookupId());
        assertThat(seedHex(after)).isNotEqualTo(seedHex(before));
    }

    @Test
    void pastTheConcurrencyBoundACallerWaitsBrieflyThenIsRefused() throws Exception {
        // Three passes over 64 MiB hold the one slot many times longer than the other caller may wait.
        CodenameKdf kdf = kdf(dataDir, "postern.argon2.iterations=3", "postern.argon2.max-concurrent=1",
                "postern.argon2.max-wait=50ms");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> calls = List.of(pool.submit(() -> timedDerive(kdf, start)),
                    pool.submit(() -> timedDerive(kdf, start)));
            long refused = 0;
            long refusedAfterMillis = -1;
            for (Future<Long> call : calls) {
                long millis = call.get();
                if (millis < 0) {
                    refused++;
                    refusedAfterMillis = -millis;
                }
            }
            assertThat(refused).as("exactly one of two racing derivations is refused").isEqualTo(1);
            assertThat(refusedAfterMillis).as("it waited maxWait first").isGreaterThanOrEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
        assertThat(kdf.derive(CODENAME).lookupId()).as("the slot is free again").hasSize(64);
    }

    @Test
    void oneDerivationAtDefaultCostTakesUnderASecond() {
        PosternProperties defaults = TestProperties.forDataDir(dataDir);
        CodenameKdf kdf = kdf(dataDir);
        Cost first = cost(kdf);
        List<Cost> warm = Stream.generate(() -> cost(kdf)).limit(5).toList();
        log.info("Argon2id {}, lookup id and reply seed (wall/CPU): first {}, then {}", defaults.argon2(), first,
                warm);
        // The deriving thread's CPU time, at its best of five: the derivation's own cost on this machine, however
        // many other builds share it.
        assertThat(warm.stream().map(Cost::cpu).min(Duration::compareTo).orElseThrow())
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void parseRefusesOverlongAndBlankInputWithoutEchoingIt() {
        String longest = "a".repeat(Codename.MAX_INPUT_CHARS);
        assertThat(Codename.parse(longest).revealToSource()).isEqualTo(longest);
        for (String bad : new String[] {longest + "b", "", "  \t\n ", null}) {
            assertThatThrownBy(() -> Codename.parse(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a codename");
        }
    }

    @Test
    void secretsNeverPrint() {
        SourceSecrets secrets = cheapKdf(dataDir).derive(CODENAME);
        byte[] raw = randomBytes(32);
        SecretBytes bytes = SecretBytes.adopt(raw.clone());

        assertThat(CODENAME.toString()).isEqualTo("[REDACTED]");
        assertThat("codename " + CODENAME).doesNotContain("alpha");
        assertThat(secrets.toString()).contains("[REDACTED]").doesNotContain(secrets.lookupId())
                .doesNotContain(seedHex(secrets));
        assertThat(bytes.toString()).isEqualTo("[REDACTED]").doesNotContain(HexFormat.of().formatHex(raw));
    }

    @Test
    void generatorMakesSevenListWordsWithFreshRandomnessEachTime() {
        WordList list = new WordList();
        Set<String> dictionary = Set.copyOf(list.words());
        assertThat(list.words()).hasSize(7776);
        assertThat(dictionary).hasSize(7776);

        CodenameGenerator generator = new CodenameGenerator(list, RANDOM);
        Set<String> codenames = new HashSet<>();
        Set<String> wordsUsed = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String[] words = generator.generate().revealToSource().split(" ");
            assertThat(words).hasSize(CodenameGenerator.WORDS);
            assertThat(dictionary).contains(words);
            codenames.add(String.join(" ", words));
            wordsUsed.addAll(List.of(words));
        }
        assertThat(codenames).hasSize(1000);
        // 7,000 uniform draws from 7,776 words hit about 4,600 distinct ones; a skewed picker hits far fewer.
        assertThat(wordsUsed.size()).isGreaterThan(4000);
    }

    @Test
    void peppersAreMadeOnceOwnerOnlyAndReusedOnRestart() throws Exception {
        Peppers first = peppers(dataDir);
        Path lookupFile = dataDir.resolve("secrets/lookup-pepper");
        Path replyFile = dataDir.resolve("secrets/reply-pepper");

        assertThat(Files.readAllBytes(lookupFile)).hasSize(32).isEqualTo(first.lookup().copyBytesRisky());
        assertThat(Files.readAllBytes(replyFile)).hasSize(32).isEqualTo(first.reply().copyBytesRisky())
                .isNotEqualTo(first.lookup().copyBytesRisky());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lookupFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replyFile))).isEqualTo("rw-------");

        Peppers restarted = peppers(dataDir);
        assertThat(restarted.lookup().equalsConstantTime(first.lookup())).isTrue();
        assertThat(restarted.reply().equalsConstantTime(first.reply())).isTrue();
        try (var files = Files.list(dataDir.resolve("secrets"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lookup-pepper",
                    "reply-pepper");
        }
    }

    @Test
    void twoCoresStartingTogetherOnAFreshDataDirAgreeOnThePeppers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                Path fresh = Files.createDirectory(dataDir.resolve("race-" + round));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Peppers> a = pool.submit(() -> {
                    start.await();
                    return peppers(fresh);
                });
                Future<Peppers> b = pool.submit(() -> {
                    start.await();
                    return peppers(fresh);
                });
                byte[] usedByA = a.get().lookup().copyBytesRisky();
                byte[] usedByB = b.get().lookup().copyBytesRisky();
                byte[] onDisk = Files.readAllBytes(fresh.resolve("secrets/lookup-pepper"));
                assertThat(usedByA).as("round %d", round).isEqualTo(onDisk);
                assertThat(usedByB).as("round %d", round).isEqualTo(onDisk);
                try (var files = Files.list(fresh.resolve("secrets"))) {
                    assertThat(files).as("round %d leaves no temporary files", round).hasSize(2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedPepperStopsStartupWithAClearMessage() throws Exception {
        peppers(dataDir);
        Files.write(dataDir.resolve("secrets/lookup-pepper"), randomBytes(31));

        assertThatThrownBy(() -> peppers(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lookup-pepper is damaged").hasMessageContaining("Restore it from a backup");
    }

    private static long timedDerive(CodenameKdf kdf, CyclicBarrier start) throws Exception {
        start.await();
        long began = System.nanoTime();
        try (SourceSecrets ignored = kdf.derive(CODENAME)) {
            return Duration.ofNanos(System.nanoTime() - began).toMillis();
        } catch (KdfBusyException busy) {
            return -Math.max(1, Duration.ofNanos(System.nanoTime() - began).toMillis());
        }
    }

    private static Cost cost(CodenameKdf kdf) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        try (SourceSecrets ignored = kdf.derive(CODENAME)) {
            return new Cost(Duration.ofNanos(System.nanoTime() - wall),
                    Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpu));
        }
    }

    private record Cost(Duration wall, Duration cpu) {
        @Override
        public String toString() {
            return wall.toMillis() + "/" + cpu.toMillis() + " ms";
        }
    }

    private static String seedHex(SourceSecrets secrets) {
        return HexFormat.of().formatHex(secrets.replySeed().copyBytesRisky());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static CodenameKdf cheapKdf(Path dataDir) {
        return kdf(dataDir, "postern.argon2.memory-kib=64", "postern.argon2.iterations=1");
    }

    private static CodenameKdf kdf(Path dataDir, String... settings) {
        PosternProperties properties = TestProperties.forDataDir(dataDir, settings);
        return new CodenameKdf(peppers(dataDir), properties, new Argon2Slots(properties));
    }

    private static Peppers peppers(Path dataDir) {
        return new Peppers(TestProperties.forDataDir(dataDir), RANDOM);
    }
}
