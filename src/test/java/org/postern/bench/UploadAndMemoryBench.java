package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.postern.bench.ResultTable.Verdict;
import org.postern.store.BlobStore;
import org.postern.store.BlobStores;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.testing.TestProperties;
import org.springframework.util.FileSystemUtils;

/**
 * Items 2 and 3, on one Postern process limited to -Xmx128m: a 1 GiB upload over loopback, sent as a browser
 * sends a file ({@link LoopbackFileUpload}), against the encryptor alone (which also syncs its file, as the blob
 * store does), and the process's peak RSS and heap
 * after a 100 MB upload and again after a 4 GiB one.
 */
final class UploadAndMemoryBench {

    static final String HEAP = "128m";

    private final Workbench bench;
    private final EncryptionBench encryptor;

    UploadAndMemoryBench(Workbench bench, EncryptionBench encryptor) {
        this.bench = bench;
        this.encryptor = encryptor;
    }

    void run(ResultTable table) throws IOException {
        BenchOptions o = bench.options;
        PosternTestServer setup = PosternTestServer.inFreshDataDir();
        Path dataDir = setup.dataDir();
        Path gcLog = bench.dir.resolve("gc-upload.log");
        try {
            if (setup.command("recipients", "add", bench.armoredKeys.get(0).toString()).exitCode() != 0) {
                throw new IllegalStateException("recipients add failed");
            }
            long limitMb = (Math.max(o.size(), o.bigUpload()) >> 20) + 1024;
            try (PosternProcess server = PosternProcess.start(dataDir, ServerProbe.jvmOptions(HEAP, gcLog),
                    "--postern.source.max-upload-bytes=" + limitMb + "MB", "--postern.uploads.disk-reserve=512MB",
                    "--postern.uploads.disk-reserve-percent=0")) {
                table.info("6", "launch to first page, fresh data dir (classpath, -Xmx" + HEAP + ")",
                        ResultTable.seconds(server.startup().toMillis() / 1e3));
                ServerProbe probe = new ServerProbe(server.pid(), gcLog);
                Source source = new Source(server);
                source.uploadOrFail(() -> new GeneratedContent(Math.min(o.size(), 16L << 20)));
                clearStore(dataDir);

                // Heap is read from here on: creating the source held 64 MiB of Argon2id memory for a moment.
                int mark = probe.gcMark();
                source.uploadOrFail(() -> new GeneratedContent(o.mediumUpload()));
                long rssMedium = probe.peakRss();
                ServerProbe.Heap heapMedium = probe.heapSince(mark);
                clearStore(dataDir);

                http(table, source, dataDir, probe);

                mark = probe.gcMark();
                double big = source.upload(() -> new GeneratedContent(o.bigUpload()));
                boolean alive = server.isAlive();
                long rssBig = probe.peakRss();
                ServerProbe.Heap heapBig = probe.heapSince(mark);
                clearStore(dataDir);
                memory(table, "3", "", o, new Memory(rssMedium, heapMedium, rssBig, heapBig, big, alive));
            }
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private void http(ResultTable table, Source source, Path dataDir, ServerProbe probe) throws IOException {
        List<Double> gpg = new ArrayList<>();
        List<Double> alone = new ArrayList<>();
        List<Double> http = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        List<Double> clientCpu = new ArrayList<>();
        Path out = bench.dir.resolve("alone.pgp");
        // The encryptor alone writes through the same file-system store as the uploads, with its syncs.
        BlobStore store = BlobStores.fileSystem(TestProperties.forDataDir(bench.dir.resolve("alone")),
                new SecureRandom(), Clock.systemUTC());
        encryptor.warmUp();
        // The server's JIT gets the same chance as the encryptor's: one untimed upload by the same client.
        source.uploadFile(bench.input);
        clearStore(dataDir);
        for (int round = 0; round < bench.options.rounds(); round++) {
            gpg.add(EncryptionBench.time(() -> encryptor.gpg(out, 1)));
            Files.delete(out);
            alone.add(encryptor.encryptIntoStore(bench.input, store, bench.keys.subList(0, 1)));
            double serverBefore = probe.cpuSeconds();
            double clientBefore = clientCpuSeconds();
            http.add(source.uploadFile(bench.input));
            serverCpu.add(probe.cpuSeconds() - serverBefore);
            clientCpu.add(clientCpuSeconds() - clientBefore);
            clearStore(dataDir);
        }
        long size = bench.options.size();
        String what = " (" + ResultTable.mib(size) + ", 1 recipient)";
        table.info("2", "encryptor alone, into the file store" + what, ResultTable.mbPerSecond(size,
                EncryptionBench.median(alone)));
        // What a source compares: sending the file to Postern against encrypting it locally with gpg.
        RoundRatios againstGpg = RoundRatios.of(gpg, http);
        table.add("2", "HTTP upload on loopback" + what, ResultTable.mbPerSecond(size, EncryptionBench.median(http)),
                "gpg, same round", againstGpg.text(), "≥ 1.00×",
                againstGpg.median() >= 1.0 ? Verdict.PASS : Verdict.FAIL);
        // The CPU both ends spend on one upload, spread perfectly over every CPU, is the fastest this machine
        // can carry it, whatever the threading: the limit of this figure.
        double server = EncryptionBench.median(serverCpu);
        double client = EncryptionBench.median(clientCpu);
        int cpus = Runtime.getRuntime().availableProcessors();
        double floor = (server + client) / cpus;
        table.info("2", "CPU per upload: Postern + the client (median)", ResultTable.seconds(server) + " + "
                + ResultTable.seconds(client) + "; on " + cpus + " CPUs at best " + ResultTable.mbPerSecond(size,
                floor) + ", " + ResultTable.ratio(EncryptionBench.median(gpg) / floor) + " gpg");
        // Time with the web layer over time without, round by round: the web layer's cost is that ratio - 1.
        RoundRatios slowdown = RoundRatios.of(http, alone);
        table.add("2", "HTTP upload, the web layer's cost" + what, ResultTable.mbPerSecond(size,
                EncryptionBench.median(http)), "encryptor alone", "web layer " + slowdown.costText(), "< +20 %",
                slowdown.median() - 1 < 0.20 ? Verdict.PASS : Verdict.FAIL);
    }

    /** CPU time this JVM (the client side of the uploads) has used so far, in seconds. */
    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** What one process's memory did over a medium and a big upload, and whether the big one succeeded. */
    record Memory(long rssMedium, ServerProbe.Heap heapMedium, long rssBig, ServerProbe.Heap heapBig,
            double bigSeconds, boolean alive) {
    }

    /** Item 3's rows for one process; {@code store} names the blob store in each row ("" for the default). */
    static void memory(ResultTable table, String item, String store, BenchOptions o, Memory m) {
        String medium = ResultTable.mib(o.mediumUpload());
        String big = ResultTable.mib(o.bigUpload());
        table.check(item, big + " upload at -Xmx" + HEAP + store, (m.bigSeconds() > 0 ? "200 OK in "
                + ResultTable.seconds(m.bigSeconds()) : "failed") + (m.alive() ? "" : ", server died"), "succeeds",
                m.bigSeconds() > 0 && m.alive());
        table.info(item, "peak RSS (VmHWM) after " + medium + store, ResultTable.mib(m.rssMedium()));
        table.info(item, "peak heap after " + medium + store + " (collections during it; most live after one)",
                ResultTable.mib(m.heapMedium().peakBeforeGc()) + " (" + m.heapMedium().collections() + "; "
                        + ResultTable.mib(m.heapMedium().maxAfterGc()) + ")");
        double rssGrowth = (double) m.rssBig() / m.rssMedium();
        table.add(item, "peak RSS (VmHWM) after " + big + store, ResultTable.mib(m.rssBig()), "after " + medium,
                ResultTable.ratio(rssGrowth), "≤ 1.25× (flat)", rssGrowth <= 1.25 ? Verdict.PASS : Verdict.FAIL);
        table.add(item, "peak heap after " + big + store + " (collections during it; most live after one)",
                ResultTable.mib(m.heapBig().peakBeforeGc()) + " (" + m.heapBig().collections() + "; "
                        + ResultTable.mib(m.heapBig().maxAfterGc()) + ")", "after " + medium,
                ResultTable.ratio((double) m.heapBig().peakBeforeGc() / m.heapMedium().peakBeforeGc()),
                "live heap flat (late GCs vs early; few GCs: vs the smaller run)",
                m.heapBig().flatComparedWith(m.heapMedium()) ? Verdict.PASS : Verdict.FAIL);
    }

    /** Blobs are ciphertext of bench data; removing them keeps a 4 GiB run from needing 6 GiB of disk. */
    static void clearStore(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("store"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A source with a session on a separate Postern process, uploading one file per request. */
    static final class Source {
        private final TestBrowser browser;
        private final String codename;
        private Page lookup;

        Source(PosternProcess server) {
            browser = new TestBrowser(server.sourceUrl());
            Page codenamePage = browser.get("/generate");
            codename = codenamePage.document().getElementById("codename").text();
            lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
            if (lookup.status() != 200) {
                throw new IllegalStateException("cannot create a source: " + lookup.status());
            }
        }

        String codename() {
            return codename;
        }

        double uploadOrFail(Supplier<InputStream> content) {
            double seconds = upload(content);
            if (seconds < 0) {
                throw new IllegalStateException("an upload did not end in the receipt page");
            }
            return seconds;
        }

        /** Seconds for the whole request, as a browser sends a file from disk (see LoopbackFileUpload). */
        double uploadFile(Path file) throws IOException {
            long start = System.nanoTime();
            int status = LoopbackFileUpload.submit(browser, lookup, file);
            double seconds = (System.nanoTime() - start) / 1e9;
            // 303 to the lookup page is how a kept upload answers.
            if (status != 303) {
                throw new IllegalStateException("the upload ended in " + status + ", not the redirect to the receipt");
            }
            lookup = browser.get("/lookup");
            return seconds;
        }

        /** Seconds for the whole request, or -1 if it did not end in the receipt page. */
        double upload(Supplier<InputStream> content) {
            long start = System.nanoTime();
            Page receipt = browser.submit(lookup, "", List.of(new TestBrowser.FilePart("bench.bin", content)));
            double seconds = (System.nanoTime() - start) / 1e9;
            lookup = browser.get("/lookup");
            return receipt.status() == 200 ? seconds : -1;
        }
    }
}
