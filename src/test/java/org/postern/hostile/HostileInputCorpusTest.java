package org.postern.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternTestServer;

/**
 * The hostile-input corpus (#5): every case goes over real HTTP to one shared server. A refused case must get a
 * clear 4xx on Postern's own page with no stack trace; an accepted one must change exactly what it declares. After
 * every case the server still answers, store/incoming is empty, and the case's canary is nowhere it must not be.
 */
class HostileInputCorpusTest {

    /** The corpus must not quietly shrink. */
    static final int MINIMUM_CASES = 370;

    private static Corpus corpus;

    @BeforeAll
    static void start() throws IOException {
        GnuPG gpg = GnuPG.create();
        Path tor = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hostile-tor");
        Files.writeString(tor.resolve("source"), "s".repeat(56) + ".onion\n");
        Files.writeString(tor.resolve("console"), "t".repeat(56) + ".onion\n");
        Path clients = Files.createDirectories(tor.resolve("authorized_clients"));
        PosternTestServer server = PosternTestServer.inFreshDataDir("--postern.argon2.memory-kib=8192",
                "--postern.argon2.iterations=1", "--postern.source.codename-attempts-per-minute=100000",
                "--postern.source.max-message-bytes=64KB", "--postern.source.max-upload-bytes=1MB",
                "--postern.tor.source-hostname-file=" + tor.resolve("source"),
                "--postern.tor.console-hostname-file=" + tor.resolve("console"),
                "--postern.tor.console-authorized-clients-dir=" + clients);
        Path key = gpg.exportArmoredTo(gpg.generateCurve25519("Investigator <inv@example.org>"), tor);
        assertThat(server.command("recipients", "add", key.toString()).exitCode()).isZero();
        corpus = new Corpus(server.start(), gpg);
    }

    @AfterAll
    static void stop() {
        if (corpus != null) {
            corpus.close();
        }
    }

    static List<HostileCase> allCases() {
        List<HostileCase> all = new ArrayList<>();
        all.addAll(SourceCases.all());
        all.addAll(ProtocolCases.all());
        all.addAll(ConsoleCases.all());
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInput() {
        List<HostileCase> cases = allCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
        System.out.println("Hostile input corpus: " + cases.size() + " cases");
        cases.stream().collect(java.util.stream.Collectors.groupingBy(HostileCase::category,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((category, n) -> System.out.println("  " + category + ": " + n));
        // -Dhostile.only=TEXT runs only the cases whose name contains TEXT, while working on one of them.
        List<String> only = List.of(System.getProperty("hostile.only", "").split("\\|"));
        return cases.stream().filter(c -> only.stream().anyMatch(o -> c.toString().contains(o))).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            try {
                run(c);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(c + ": " + e.getMessage(), e);
            }
        }));
    }

    private static void run(HostileCase c) {
        Corpus.Snapshot before = corpus.snapshot();
        RawHttp.Response r = corpus.send(c.side(), c.request().apply(corpus));
        assertThat(r.status()).as("status, body:%n%s", r.body()).isBetween(c.expect().minStatus(),
                c.expect().maxStatus());
        if (r.status() != 302 && r.status() != 303) {
            Corpus.assertFriendly(c.side(), r);
        }
        assertThat(r.headers().toString()).as("no header carries the input").doesNotContain(c.canary());
        c.expect().then().accept(corpus, r);
        corpus.assertStillUp();
        corpus.assertNothingLeft(c, before);
    }
}
