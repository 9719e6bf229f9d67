package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The performance measurements, side by side in one run on this machine, printed as one table with ratios and
 * whether each target holds. Run it with {@code bench/run} ({@code --quick} for the tiny smoke sizes); the
 * suite's {@code PerformanceBenchSmokeTest} runs it tiny so that it cannot rot.
 */
public final class PerformanceBench {

    private PerformanceBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        System.out.println(machine());
        ResultTable table = run(options);
        System.out.println();
        System.out.println(table.render());
        System.out.println("load average at the end: " + loadAverage());
        System.out.println(table.allTargetsHold() ? "Every target holds." : "Some targets are missed (FAIL).");
        System.exit(0);
    }

    static ResultTable run(BenchOptions options) throws Exception {
        ResultTable table = new ResultTable();
        try (Workbench bench = new Workbench(options)) {
            EncryptionBench encryption = new EncryptionBench(bench);
            if (options.measures(1)) {
                step("1 encryption", () -> encryption.run(table));
            }
            if (options.measures(2) || options.measures(3)) {
                step("2+3 HTTP upload and memory", () -> new UploadAndMemoryBench(bench, encryption).run(table));
            }
            if (options.measures(4)) {
                step("4 concurrency", () -> new ConcurrencyBench(bench).run(table));
            }
            // The suite's tiny smoke run (--quick, 4 MiB) leaves it out: it would be one more server launch.
            if (options.measures(7) && options.size() >= (64L << 20)) {
                step("7 resumable upload", () -> new ResumableUploadBench(bench).run(table));
            }
            if (options.measures(8)) {
                step("8 S3 store upload and memory", () -> new S3UploadBench(bench).run(table));
            }
        }
        if (options.measures(5)) {
            step("5 console", () -> new ConsoleBench(options).run(table));
        }
        if (options.measures(6)) {
            step("6 startup", () -> new StartupBench(options.rounds()).run(table));
        }
        return table;
    }

    interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long start = System.nanoTime();
        System.err.println("[bench] " + name + " ...");
        step.run();
        System.err.printf("[bench] %s done in %.0f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    /** What docs/performance.md records with a run's figures. */
    static String machine() throws IOException {
        return String.join("\n",
                "CPUs (nproc): " + Runtime.getRuntime().availableProcessors(),
                "CPU model: " + firstLine("/proc/cpuinfo", "model name"),
                "memory: " + firstLine("/proc/meminfo", "MemTotal"),
                "disk: " + output("df", "-h", "--output=source,fstype,size", "/tmp").replace('\n', ' '),
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "gpg: " + output("gpg", "--version").lines().findFirst().orElse("?"),
                "load average at the start: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstLine(String file, String prefix) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor();
                return text;
            }
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
