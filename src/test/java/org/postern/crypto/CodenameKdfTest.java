package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        CodenameKdf kdf = kdf(properties(dataDir, 65536, 3, 1, Duration.ofMillis(50)));
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
        CodenameKdf kdf = kdf(properties(dataDir, 65536, 3, 0, Duration.ofSeconds(5)));
        Duration first = time(kdf);
        List<Duration> warm = Stream.generate(() -> time(kdf)).limit(3).sorted().toList();
        log.info("Argon2id m=64 MiB t=3 p=1, lookup id and reply seed: first {} ms, then {} ms", first.toMillis(),
                warm.stream().map(Duration::toMillis).toList());
        // The median of three, so that one pause of a shared CI machine does not decide it.
        assertThat(warm.get(1)).isLessThan(Duration.ofSeconds(1));
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
                .hasMessage("server pepper lookup-pepper is damaged");
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

    private static Duration time(CodenameKdf kdf) {
        long began = System.nanoTime();
        try (SourceSecrets ignored = kdf.derive(CODENAME)) {
            return Duration.ofNanos(System.nanoTime() - began);
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
        return kdf(properties(dataDir, 64, 1, 0, Duration.ofSeconds(5)));
    }

    private static CodenameKdf kdf(PosternProperties properties) {
        return new CodenameKdf(peppers(properties.dataDir()), properties, new Argon2Slots(properties));
    }

    private static Peppers peppers(Path dataDir) {
        return new Peppers(properties(dataDir, 64, 1, 0, Duration.ofSeconds(5)), RANDOM);
    }

    private static PosternProperties properties(Path dataDir, int memoryKib, int iterations, int maxConcurrent,
            Duration maxWait) {
        return TestProperties.forDataDir(dataDir,
                new PosternProperties.Argon2(memoryKib, iterations, 1, maxConcurrent, maxWait));
    }
}
