package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
                TusClient tus = new TusClient(browser, TusClient.csrfOf(lookup));
                // One untimed upload each way, so that both paths are compiled before the clock runs.
                form(browser, dataDir);
                resumable(tus, dataDir);
                List<Double> form = new ArrayList<>();
                List<Double> resumable = new ArrayList<>();
                for (int round = 0; round < bench.options.rounds(); round++) {
                    form.add(form(browser, dataDir));
                    resumable.add(resumable(tus, dataDir));
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

    private double resumable(TusClient tus, Path dataDir) throws IOException {
        long size = bench.options.size();
        long start = System.nanoTime();
        HttpResponse<String> created = tus.create(size, "bench.bin");
        String url = created.headers().firstValue("Location").orElseThrow();
        {
            Path file = bench.input;
            for (long offset = 0; offset < size;) {
                long length = Math.min(PIECE, size - offset);
                long from = offset;
                HttpResponse<String> r = tus.patch(url, offset, HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, from, length)), length),
                        TusClient.OCTETS);
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("a piece ended in " + r.statusCode() + ": " + r.body());
                }
                offset = TusClient.offset(r);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        UploadAndMemoryBench.clearStore(dataDir);
        return seconds;
    }

    /** One piece of the file, on its own channel: the HTTP client closes each piece's stream when it is sent. */
    private static InputStream slice(Path path, long from, long length) {
        try {
            FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
            return new java.io.BufferedInputStream(Channels.newInputStream(file.position(from)), 1 << 16) {
                private long left = length;

                @Override
                public synchronized int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
