package org.postern.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.InboxSeeder;
import org.postern.testing.Page;
import org.postern.testing.PosternTestServer;

/**
 * Item 5: the console with many seeded submissions (50 per source), timed over real HTTP with a logged-in
 * investigator, after a warm-up. The server runs inside the benchmark's JVM, as in InboxPerformanceTest.
 */
final class ConsoleBench {

    private static final int PER_SOURCE = 50;

    private final BenchOptions options;

    ConsoleBench(BenchOptions options) {
        this.options = options;
    }

    void run(ResultTable table) {
        try (PosternTestServer server = PosternTestServer.inFreshDataDir("--postern.argon2.memory-kib=8192",
                "--postern.argon2.iterations=1").start()) {
            Person ada = new ConsoleAccounts(server).setUpFirstAdmin("ada");
            ConsoleAccounts.logIn(ada);
            int sources = Math.max(1, options.submissions() / PER_SOURCE);
            InboxSeeder.Seeded seeded = new InboxSeeder(server).seed("bench", sources, PER_SOURCE, null, 42);
            List<String> ids = new ArrayList<>(seeded.sourceIds());
            Collections.shuffle(ids, new Random(7));
            int runs = options.consoleRequests();
            for (int i = 0; i < runs; i++) {
                get(ada, "/");
                get(ada, "/sources/" + ids.get(i % ids.size()));
            }
            String what = " (" + seeded.submissions() + " submissions, " + runs + " requests)";
            row(table, "inbox GET /" + what, times(ada, runs, n -> "/"));
            row(table, "a source's page GET /sources/{id}" + what,
                    times(ada, runs, n -> "/sources/" + ids.get(n % ids.size())));
        }
    }

    private static void row(ResultTable table, String what, double[] sortedMillis) {
        double p95 = ConcurrencyBench.percentile(sortedMillis, 0.95);
        table.check("5", what, "p50 " + ResultTable.millis(ConcurrencyBench.percentile(sortedMillis, 0.50))
                + ", p95 " + ResultTable.millis(p95), "p95 < 100 ms", p95 < 100);
    }

    private static double[] times(Person person, int runs, IntFunction<String> path) {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            get(person, path.apply(i));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void get(Person person, String path) {
        Page page = person.browser().get(path);
        if (page.status() != 200 || page.path().startsWith("/login")) {
            throw new IllegalStateException(path + " answered " + page.status() + " at " + page.path());
        }
    }
}
