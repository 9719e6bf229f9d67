package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Postern as a separate JVM, for heap limits and kills that an in-process server cannot show. */
public final class PosternProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "test-logs", "processes");
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Process process;
    private final Path dataDir;
    private final int sourcePort;
    private final int consolePort;
    private final Path log;
    private final long launchedAt;
    private Duration startup;

    private PosternProcess(Process process, Path dataDir, int sourcePort, int consolePort, Path log,
            long launchedAt) {
        this.launchedAt = launchedAt;
        this.process = process;
        this.dataDir = dataDir;
        this.sourcePort = sourcePort;
        this.consolePort = consolePort;
        this.log = log;
    }

    /**
     * Starts Postern and waits until both sides answer. Everything the JVM prints, its log and its own errors
     * alike, goes to one file under target/test-logs/processes, which the whole-suite leak scan reads.
     */
    public static PosternProcess start(Path dataDir, List<String> jvmOptions, String... settings) {
        return launch(CLASSPATH_MAIN, dataDir, command -> command, defaultLog(), jvmOptions, settings);
    }

    /**
     * As {@link #start(Path, List, String...)}, with the java command handed to {@code launcher} first (to run it
     * inside a namespace, say) and the process's output appended to {@code log}, which must lie under
     * target/test-logs so that the leak scan reads it.
     */
    public static PosternProcess start(Path dataDir, java.util.function.UnaryOperator<List<String>> launcher,
            Path log, List<String> jvmOptions, String... settings) {
        return launch(CLASSPATH_MAIN, dataDir, launcher, log, jvmOptions, settings);
    }

    /**
     * A jar prepared by deploy/postern/prepare-jar, as the systemd unit starts it: {@code java @start.args}, the
     * argument file naming the unpacked jar, its class-data archive and the JIT settings.
     */
    public static PosternProcess startPrepared(Path startArgs, Path dataDir, List<String> jvmOptions,
            String... settings) {
        return launch(List.of("@" + startArgs.toAbsolutePath()), dataDir, command -> command, defaultLog(),
                jvmOptions, settings);
    }

    /** The packaged jar, as an operator runs it ({@code java -jar postern.jar}). */
    public static PosternProcess startJar(Path jar, Path dataDir, List<String> jvmOptions, String... settings) {
        return launch(List.of("-jar", jar.toString()), dataDir, command -> command, defaultLog(), jvmOptions,
                settings);
    }

    private static final List<String> CLASSPATH_MAIN = List.of("-cp", System.getProperty("java.class.path"),
            "org.postern.PosternApplication");

    private static Path defaultLog() {
        return LOG_DIR.resolve("postern-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet() + ".log")
                .toAbsolutePath();
    }

    private static PosternProcess launch(List<String> main, Path dataDir,
            java.util.function.UnaryOperator<List<String>> launcher, Path log, List<String> jvmOptions,
            String... settings) {
        int source = FreePorts.forChild();
        int console = FreePorts.forChild();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(main);
        command.addAll(List.of("--postern.data-dir=" + dataDir, "--postern.source.port=" + source,
                "--postern.console.port=" + console));
        command.addAll(Arrays.asList(settings));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(launcher.apply(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // logback-test.xml is on this classpath too: keep its file appender off the in-process test log.
            builder.environment().put("POSTERN_TEST_LOG", LOG_DIR.resolve("file-appender-" + ProcessHandle.current()
                    .pid() + "-" + STARTS.incrementAndGet() + ".log").toAbsolutePath().toString());
            long launched = System.nanoTime();
            Process p = builder.start();
            PosternProcess running = new PosternProcess(p, dataDir, source, console, log, launched);
            running.awaitReady(Duration.ofSeconds(90), logStart);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data dir it was started on. */
    public Path dataDir() {
        return dataDir;
    }

    public String sourceUrl() {
        return "http://127.0.0.1:" + sourcePort;
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort;
    }

    /** Everything this JVM wrote to stdout and stderr. */
    public Path log() {
        return log;
    }

    /** The log so far, as text. */
    public String logText() {
        try {
            return Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** From launch until both sides had served a page. */
    public Duration startup() {
        return startup;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no flushing, like pulling the plug. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
                        java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void awaitReady(Duration timeout, long logStart) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Postern exited with " + process.exitValue() + " during startup; see "
                        + log + endOfOutput(logStart));
            }
            if (answers(sourceUrl() + "/") && answers(consoleUrl() + "/login")) {
                startup = Duration.ofNanos(System.nanoTime() - launchedAt);
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String output = endOfOutput(logStart);
        kill();
        throw new IllegalStateException("Postern did not start within " + timeout + output);
    }

    /** The last lines this launch wrote to the log, for an error message. */
    private String endOfOutput(long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            List<String> lines = new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
            return "\n--- the end of its output ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return " (its output is unreadable: " + e + ")";
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
