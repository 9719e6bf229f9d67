package org.postern.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.GnuPG;
import org.postern.testing.LeakForms;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.SecretsUsed;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;

/**
 * The hostile-input corpus: every case goes over real HTTP to one shared server. A refused case must get a
 * clear 4xx on Postern's own page with no stack trace; an accepted one must change exactly what it declares. After
 * every case the server still answers, store/incoming is empty, and the case's canary is nowhere it must not be.
 */
@Tag("postgresql")
@Tag("slow")
class HostileInputCorpusTest {

    /** The exact number of cases: the corpus cannot quietly shrink. Update it when cases are added. */
    static final int CASES = 438;

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.source.codename-attempts-per-minute=100000",
            "--postern.source.max-message-bytes=64KB", "--postern.source.max-upload-bytes=1MB",
            "--postern.resumable.max-upload-bytes=1TB")
            .recipientKey().onions("s".repeat(56) + ".onion", "t".repeat(56) + ".onion").authorizedClients();

    private static Corpus corpus;

    @BeforeAll
    static void start(PosternTestServer server, GnuPG gpg) {
        corpus = new Corpus(server, gpg);
    }

    static List<HostileCase> allCases() {
        List<HostileCase> all = new ArrayList<>();
        all.addAll(SourceCases.all());
        all.addAll(ProtocolCases.all());
        all.addAll(ConsoleCases.all());
        all.addAll(TusCases.all());
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInput() {
        List<HostileCase> cases = allCases();
        assertThat(cases).as("the number of cases (update CASES when adding some)").hasSize(CASES);
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
        Req req = c.request().apply(corpus);
        assertCarriesItsCanary(c, req);
        SecretsUsed.record(SecretsUsed.Kind.CANARY, c.canary());
        RawHttp.Response r = corpus.send(c.side(), req);
        assertThat(r.status()).as("status, body:%n%s", r.body()).isBetween(c.expect().minStatus(),
                c.expect().maxStatus());
        if (TusCases.CATEGORY.equals(c.category())) {
            // A protocol client reads these, not a person: short text, never a stack trace.
            Corpus.assertNoStackTrace(r);
        } else if (r.status() != 302 && r.status() != 303) {
            Corpus.assertFriendly(c.side(), r);
        }
        assertThat(r.headers().toString()).as("no header carries the input").doesNotContain(c.canary());
        c.expect().then().accept(corpus, r);
        corpus.assertStillUp();
        corpus.assertNothingLeft(c, before);
    }

    /** A leak check of a canary the request never sent would pass whatever the server did with the input. */
    static void assertCarriesItsCanary(HostileCase c, Req req) {
        byte[] head = req.head();
        byte[] body = req.bodyBytes();
        PlaintextScanner scanner = new PlaintextScanner(LeakForms.of(c.canary()));
        try {
            assertThat(scanner.labelsIn(new java.io.ByteArrayInputStream(head)).isEmpty()
                    && scanner.labelsIn(new java.io.ByteArrayInputStream(body == null ? new byte[0] : body)).isEmpty())
                    .as("the request carries the case's canary, in some encoding").isFalse();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
