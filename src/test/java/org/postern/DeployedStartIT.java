package org.postern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.springframework.util.FileSystemUtils;

/**
 * The start-up the project ships (docs/deploy.md): deploy/postern/prepare-jar unpacks the packaged jar and trains
 * a class-data-sharing archive on a throwaway data dir, and writes the options that start it; the server then
 * starts from that archive with the JIT settings those options name. Runs after
 * {@code package}, because an archive can only hold classes from jars. Named to run before {@link LeakScanIT}, so
 * that its logs are scanned too.
 */
@Tag("slow")
class DeployedStartIT {

    private static final Path PREPARED = Path.of("target", "it-prepared");
    private static final Path TMP = Path.of("target", "it-prepare-tmp").toAbsolutePath();

    @Test
    void theTrainedArchiveIsUsedAndTheTrainingLeavesNothingBehind() throws Exception {
        Files.createDirectories(TMP);
        prepare();
        assertThat(PREPARED.resolve("postern.jsa")).isNotEmptyFile();
        try (Stream<Path> left = Files.walk(TMP)) {
            // Tomcat leaves its empty work directories; the data dir, its database and secrets must be gone.
            assertThat(left.filter(p -> Files.isRegularFile(p) || p.getFileName().toString()
                    .startsWith("postern-training-")).toList()).as("left by the training run").isEmpty();
        }
        Path dataDir = PosternTestServer.inFreshDataDir().dataDir();
        try (PosternProcess server = PosternProcess.startPrepared(PREPARED.resolve("start.args"), dataDir,
                List.of("-Xlog:class+load=info", "-XX:+PrintFlagsFinal"))) {
            assertThat(server.logText()).containsPattern("Tier4InvocationThreshold += 50000 ")
                    .containsPattern("Tier4BackEdgeThreshold += 400000 ")
                    .contains("org.postern.PosternApplication source: shared objects file (top)")
                    .contains("org.postern.intake.IntakeWebApplication source: shared objects file (top)")
                    .contains("org.postern.review.ReviewWebApplication source: shared objects file (top)");
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Test
    void theSystemdUnitStartsThePreparedCopy() throws IOException {
        String unit = Files.readString(Path.of("deploy", "systemd", "postern.service")).replace("\\\n", " ");
        String execStart = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertThat(execStart).contains(" @/opt/postern/prepared/start.args ").doesNotContain("-jar");
    }

    private static void prepare() throws IOException, InterruptedException {
        Path log = Path.of("target", "test-logs", "processes", "prepare-jar.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("deploy/postern/prepare-jar", "target/postern.jar",
                PREPARED.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + TMP);
        Process p = builder.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("prepare-jar finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }
}
