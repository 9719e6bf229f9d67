package org.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.springframework.util.FileSystemUtils;

/**
 * Item 6: from launch until both sides have served a page, once on a fresh data directory (with every migration)
 * and once more on the same directory. The target is judged on the deployment the project ships: the jar
 * unpacked with a class-data-sharing archive by {@code deploy/postern/prepare-jar}, started with the options it
 * writes, as the systemd unit starts it. Plain {@code java -jar} (or the classes, before packaging) is shown beside it.
 */
final class StartupBench {

    private final int rounds;

    StartupBench(int rounds) {
        this.rounds = Math.max(1, rounds);
    }

    private static final Path JAR = Path.of("target", "postern.jar");
    private static final Path PREPARED = Path.of("target", "prepared");

    void run(ResultTable table) throws IOException {
        boolean packaged = Files.isRegularFile(JAR);
        if (packaged) {
            prepare();
            measure(table, "unpacked + CDS archive, as deploy/ starts it", true,
                    dataDir -> PosternProcess.startPrepared(PREPARED.resolve("start.args"), dataDir, List.of()));
            measure(table, "java -jar target/postern.jar", false,
                    dataDir -> PosternProcess.startJar(JAR, dataDir, List.of()));
        } else {
            System.err.println("[bench] 6: no target/postern.jar (mvn package), so the shipped start-up is not measured");
            measure(table, "classpath", false, dataDir -> PosternProcess.start(dataDir, List.of()));
        }
    }

    private interface Launch {
        PosternProcess start(Path dataDir);
    }

    /**
     * Each round starts on a fresh data dir and then restarts on it; a start on a shared host varies by a second
     * from one launch to the next, so each kind is judged on the median of the rounds, with the range beside it.
     */
    private void measure(ResultTable table, String how, boolean judged, Launch launch) {
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Path dataDir = PosternTestServer.inFreshDataDir().dataDir();
            try {
                for (String when : List.of("fresh data dir", "restart")) {
                    try (PosternProcess server = launch.start(dataDir)) {
                        millis.computeIfAbsent(when, w -> new ArrayList<>()).add(server.startup().toMillis());
                    }
                }
            } finally {
                FileSystemUtils.deleteRecursively(dataDir.toFile());
            }
        }
        millis.forEach((when, all) -> {
            List<Long> sorted = all.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            String value = ResultTable.seconds(median / 1e3) + (sorted.size() > 1 ? " (rounds "
                    + ResultTable.seconds(sorted.get(0) / 1e3) + "–" + ResultTable.seconds(sorted.get(sorted.size() - 1)
                            / 1e3) + ")" : "");
            String what = "launch to first page, " + when + " (" + how + ")";
            if (judged) {
                table.check("6", what, value, "< 5 s", median < 5_000);
            } else {
                table.info("6", what, value);
            }
        });
    }

    /** The shipped script, as an operator runs it at install time. */
    private static void prepare() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("deploy/postern/prepare-jar", JAR.toString(), PREPARED.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The archive fits one JVM: the one that will start the server.
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = builder.start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("deploy/postern/prepare-jar failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
