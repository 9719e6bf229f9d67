package org.postern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postern.bench.UploadAndMemoryBench.Source;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.util.FileSystemUtils;

/**
 * Item 4, on one Postern process with the default Argon2id cost (64 MiB): simultaneous uploads from separate
 * sources, then simultaneous codename logins, each timed from the moment all are let go.
 */
final class ConcurrencyBench {

    static final String HEAP = "1g";

    private final Workbench bench;

    ConcurrencyBench(Workbench bench) {
        this.bench = bench;
    }

    void run(ResultTable table) throws IOException, InterruptedException, ExecutionException {
        BenchOptions o = bench.options;
        PosternTestServer setup = PosternTestServer.inFreshDataDir();
        Path dataDir = setup.dataDir();
        Path gcLog = bench.dir.resolve("gc-concurrency.log");
        int people = Math.max(o.uploads(), o.logins());
        ExecutorService pool = Executors.newFixedThreadPool(people);
        try {
            setup.command("recipients", "add", bench.armoredKeys.get(0).toString());
            try (PosternProcess server = PosternProcess.start(dataDir, ServerProbe.jvmOptions(HEAP, gcLog))) {
                ServerProbe probe = new ServerProbe(server.pid(), gcLog);
                // Created four at a time: each runs Argon2id, and the point here is the uploads.
                ExecutorService creators = Executors.newFixedThreadPool(4);
                List<Source> sources;
                try {
                    sources = all(creators, people, i -> new Source(server));
                } finally {
                    creators.shutdownNow();
                }

                CountDownLatch go = new CountDownLatch(1);
                long[] start = new long[1];
                List<Double> uploads = all(pool, o.uploads(), i -> {
                    go.await();
                    return sources.get(i).upload(() -> new GeneratedContent(o.uploadSize()));
                }, () -> {
                    start[0] = System.nanoTime();
                    go.countDown();
                });
                double wall = (System.nanoTime() - start[0]) / 1e9;
                long ok = uploads.stream().filter(s -> s > 0).count();
                table.check("4", o.uploads() + " simultaneous uploads of " + ResultTable.mib(o.uploadSize())
                        + " (-Xmx" + HEAP + ")", ok + " of " + o.uploads() + " succeeded, total "
                        + ResultTable.mbPerSecond(o.uploads() * o.uploadSize(), wall), "all succeed",
                        ok == o.uploads());
                UploadAndMemoryBench.clearStore(dataDir);

                logins(table, pool, server, probe, sources.subList(0, o.logins()));
            }
        } finally {
            pool.shutdownNow();
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private void logins(ResultTable table, ExecutorService pool, PosternProcess server, ServerProbe probe,
            List<Source> sources) throws IOException, InterruptedException, ExecutionException {
        int n = sources.size();
        List<TestBrowser> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestBrowser b = new TestBrowser(server.sourceUrl());
            tokens.add(b.get("/login").csrfToken());
            browsers.add(b);
        }
        int mark = probe.gcMark();
        CountDownLatch go = new CountDownLatch(1);
        List<Double> millis = all(pool, n, i -> {
            go.await();
            long start = System.nanoTime();
            Page page = browsers.get(i).post("/login", Map.of("_csrf", tokens.get(i), "codename",
                    sources.get(i).codename()));
            double ms = (System.nanoTime() - start) / 1e6;
            return page.status() == 200 && page.path().startsWith("/lookup") ? ms : -ms;
        }, go::countDown);
        ServerProbe.Heap heap = probe.heapSince(mark);
        double[] ok = millis.stream().filter(m -> m > 0).mapToDouble(Double::doubleValue).sorted().toArray();
        String latency = ok.length == 0 ? "none succeeded" : "p50 " + ResultTable.millis(percentile(ok, 0.50))
                + ", p95 " + ResultTable.millis(percentile(ok, 0.95));
        table.check("4", n + " simultaneous codename logins (Argon2id 64 MiB, -Xmx" + HEAP + ")",
                ok.length + " of " + n + " logged in; " + latency + "; peak heap "
                        + ResultTable.mib(heap.peakBeforeGc()), "all succeed", ok.length == n);
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    interface Task<T> {
        T call(int i) throws Exception;
    }

    private static <T> List<T> all(ExecutorService pool, int n, Task<T> task) throws InterruptedException,
            ExecutionException {
        return all(pool, n, task, () -> {
        });
    }

    /** Submits n tasks, runs {@code release} once all are queued, and waits for every result. */
    private static <T> List<T> all(ExecutorService pool, int n, Task<T> task, Runnable release)
            throws InterruptedException, ExecutionException {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit((Callable<T>) () -> task.call(index)));
        }
        Thread.sleep(200); // every worker is waiting at the latch
        release.run();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }
}
