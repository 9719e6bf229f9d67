package org.postern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.postern.bench.ResultTable.Verdict;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.S3ProxyServer;
import org.springframework.util.FileSystemUtils;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Item 8: the same upload as item 2 into two Postern processes at -Xmx128m, one keeping its blobs on the file
 * system and one in S3 (S3Proxy on loopback, on its own file-system backend), round by round; then item 3's
 * memory check on the S3 one, a medium and a big upload.
 */
final class S3UploadBench {

    private static final String S3 = " (S3 store)";

    private final Workbench bench;

    S3UploadBench(Workbench bench) {
        this.bench = bench;
    }

    void run(ResultTable table) throws IOException {
        BenchOptions o = bench.options;
        Path gcLog = bench.dir.resolve("gc-s3.log");
        PosternTestServer fsSetup = PosternTestServer.inFreshDataDir();
        PosternTestServer s3Setup = null;
        long limitMb = (Math.max(o.size(), o.bigUpload()) >> 20) + 1024;
        String[] limits = {"--postern.source.max-upload-bytes=" + limitMb + "MB",
            "--postern.uploads.disk-reserve=512MB", "--postern.uploads.disk-reserve-percent=0"};
        try (S3ProxyServer s3 = S3ProxyServer.start(bench.dir); S3Client admin = s3.client()) {
            List<String> settings = new ArrayList<>(List.of(limits));
            settings.addAll(s3.settings());
            s3Setup = PosternTestServer.inFreshDataDir(settings.toArray(String[]::new));
            for (PosternTestServer setup : List.of(fsSetup, s3Setup)) {
                if (setup.command("recipients", "add", bench.armoredKeys.get(0).toString()).exitCode() != 0) {
                    throw new IllegalStateException("recipients add failed");
                }
            }
            try (PosternProcess fsServer = PosternProcess.start(fsSetup.dataDir(),
                    List.of("-Xmx" + UploadAndMemoryBench.HEAP), limits);
                    PosternProcess s3Server = PosternProcess.start(s3Setup.dataDir(),
                            ServerProbe.jvmOptions(UploadAndMemoryBench.HEAP, gcLog),
                            settings.toArray(String[]::new))) {
                UploadAndMemoryBench.Source fsSource = new UploadAndMemoryBench.Source(fsServer);
                UploadAndMemoryBench.Source s3Source = new UploadAndMemoryBench.Source(s3Server);
                ServerProbe probe = new ServerProbe(s3Server.pid(), gcLog);
                Runnable clearS3 = () -> clearBucket(admin, s3.bucket());

                s3Source.uploadOrFail(() -> new GeneratedContent(Math.min(o.size(), 16L << 20)));
                clearS3.run();
                // Heap is read from here on: creating the source held 64 MiB of Argon2id memory for a moment.
                int mark = probe.gcMark();
                s3Source.uploadOrFail(() -> new GeneratedContent(o.mediumUpload()));
                long rssMedium = probe.peakRss();
                ServerProbe.Heap heapMedium = probe.heapSince(mark);
                clearS3.run();

                speed(table, new Side(fsSource, ServerProbe.cpuAndRss(fsServer.pid())), fsSetup.dataDir(),
                        new Side(s3Source, probe), ServerProbe.cpuAndRss(s3.pid()), clearS3);

                mark = probe.gcMark();
                double big = s3Source.upload(() -> new GeneratedContent(o.bigUpload()));
                boolean alive = s3Server.isAlive();
                long rssBig = probe.peakRss();
                ServerProbe.Heap heapBig = probe.heapSince(mark);
                clearS3.run();
                UploadAndMemoryBench.memory(table, "8", S3, o, new UploadAndMemoryBench.Memory(rssMedium,
                        heapMedium, rssBig, heapBig, big, alive));
            }
        } finally {
            FileSystemUtils.deleteRecursively(fsSetup.dataDir());
            if (s3Setup != null) {
                FileSystemUtils.deleteRecursively(s3Setup.dataDir());
            }
        }
    }

    /** A Postern process under test, and a probe that reads its CPU time. */
    private record Side(UploadAndMemoryBench.Source source, ServerProbe probe) {
    }

    /**
     * The same file to each server in turn, after one untimed upload each; S3's time over the file system's. The
     * CPU each process spends per upload says what limits the S3 figure on a host that also runs the S3 server.
     */
    private void speed(ResultTable table, Side fs, Path fsDataDir, Side s3, ServerProbe s3Server, Runnable clearS3)
            throws IOException {
        fs.source().uploadFile(bench.input);
        UploadAndMemoryBench.clearStore(fsDataDir);
        s3.source().uploadFile(bench.input);
        clearS3.run();
        List<Double> fsTimes = new ArrayList<>();
        List<Double> s3Times = new ArrayList<>();
        List<Double> fsCpu = new ArrayList<>();
        List<Double> s3Cpu = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        for (int round = 0; round < bench.options.rounds(); round++) {
            double before = fs.probe().cpuSeconds();
            fsTimes.add(fs.source().uploadFile(bench.input));
            fsCpu.add(fs.probe().cpuSeconds() - before);
            UploadAndMemoryBench.clearStore(fsDataDir);
            before = s3.probe().cpuSeconds();
            double serverBefore = s3Server.cpuSeconds();
            s3Times.add(s3.source().uploadFile(bench.input));
            s3Cpu.add(s3.probe().cpuSeconds() - before);
            serverCpu.add(s3Server.cpuSeconds() - serverBefore);
            clearS3.run();
        }
        long size = bench.options.size();
        RoundRatios cost = RoundRatios.of(s3Times, fsTimes);
        table.add("8", "HTTP upload on loopback" + S3 + " (" + ResultTable.mib(size) + ", 1 recipient)",
                ResultTable.mbPerSecond(size, EncryptionBench.median(s3Times)),
                "file-system store " + ResultTable.mbPerSecond(size, EncryptionBench.median(fsTimes)),
                "S3 " + cost.costText(), "< +25 %", cost.median() - 1 < 0.25 ? Verdict.PASS : Verdict.FAIL);
        double server = EncryptionBench.median(serverCpu);
        double postern = EncryptionBench.median(s3Cpu);
        int cpus = Runtime.getRuntime().availableProcessors();
        table.info("8", "CPU per upload (median): Postern with S3, the S3 server; Postern with the file store",
                ResultTable.seconds(postern) + ", " + ResultTable.seconds(server) + "; "
                        + ResultTable.seconds(EncryptionBench.median(fsCpu)) + "; S3 on " + cpus + " CPUs at best "
                        + ResultTable.mbPerSecond(size, (postern + server) / cpus));
    }

    /** Bench data only; removing it keeps a 4 GiB run from needing twice that on disk. */
    private static void clearBucket(S3Client admin, String bucket) {
        for (S3Object object : admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            admin.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
    }
}
