package org.postern.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postern.bench.ResultTable.Verdict;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;
import org.springframework.util.FileSystemUtils;

/**
 * Item 7: the same file through the resumable protocol in 8 MiB pieces, as the upload page's script sends it,
 * and through the plain form, round by round on one server. The cost of resuming is the ratio of the two.
 */
final class ResumableUploadBench {

    static final long PIECE = 8L << 20;

    private final Workbench bench;

    ResumableUploadBench(Workbench bench) {
        this.bench = bench;
    }

    void run(ResultTable table) throws IOException {
        PosternTestServer setup = PosternTestServer.inFreshDataDir();
        Path dataDir = setup.dataDir();
        try {
            if (setup.command("recipients", "add", bench.armoredKeys.get(0).toString()).exitCode() != 0) {
                throw new IllegalStateException("recipients add failed");
            }
            long limitMb = (bench.options.size() >> 20) + 1024;
            try (PosternProcess server = PosternProcess.start(dataDir, List.of("-Xmx" + UploadAndMemoryBench.HEAP),
                    "--postern.source.max-upload-bytes=" + limitMb + "MB", "--postern.uploads.disk-reserve=512MB",
                    "--postern.uploads.disk-reserve-percent=0")) {
                TestBrowser browser = new TestBrowser(server.sourceUrl());
                Page codenamePage = browser.get("/generate");
                Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
                String csrf = TusClient.csrfOf(lookup);
                TusClient tus = new TusClient(browser, csrf);
                // One untimed upload each way, so that both paths are compiled before the clock runs.
                form(browser, dataDir);
                resumable(tus, browser, csrf, dataDir);
                List<Double> form = new ArrayList<>();
                List<Double> resumable = new ArrayList<>();
                for (int round = 0; round < bench.options.rounds(); round++) {
                    form.add(form(browser, dataDir));
                    resumable.add(resumable(tus, browser, csrf, dataDir));
                }
                long size = bench.options.size();
                String what = " (" + ResultTable.mib(size) + ", 8 MiB pieces)";
                RoundRatios cost = RoundRatios.of(resumable, form);
                table.add("7", "resumable upload on loopback" + what,
                        ResultTable.mbPerSecond(size, EncryptionBench.median(resumable)),
                        "plain form " + ResultTable.mbPerSecond(size, EncryptionBench.median(form)),
                        "resuming " + cost.costText(), "< +15 %",
                        cost.median() - 1 < 0.15 ? Verdict.PASS : Verdict.FAIL);
            }
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    private double form(TestBrowser browser, Path dataDir) throws IOException {
        Page lookup = browser.get("/lookup");
        long start = System.nanoTime();
        int status = LoopbackFileUpload.submit(browser, lookup, bench.input);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 303) {
            throw new IllegalStateException("the form upload ended in " + status + ", not 303 (kept)");
        }
        UploadAndMemoryBench.clearStore(dataDir);
        return seconds;
    }

    /**
     * The same file in 8 MiB pieces, each sent as the form's upload is, on one connection kept alive between
     * pieces as a browser keeps it ({@link LoopbackFileUpload#pieces}).
     */
    private double resumable(TusClient tus, TestBrowser browser, String csrf, Path dataDir) throws IOException {
        long size = bench.options.size();
        long start = System.nanoTime();
        HttpResponse<String> created = tus.create(size, "bench.bin");
        String url = created.headers().firstValue("Location").orElseThrow();
        try (LoopbackFileUpload.Pieces pieces = LoopbackFileUpload.pieces(browser, url, csrf, bench.input)) {
            for (long offset = 0; offset < size;) {
                offset = pieces.send(offset, Math.min(PIECE, size - offset));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        UploadAndMemoryBench.clearStore(dataDir);
        return seconds;
    }
}
