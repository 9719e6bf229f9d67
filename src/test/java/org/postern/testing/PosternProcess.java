package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Postern as a separate JVM, for heap limits and kills that an in-process server cannot show. */
public final class PosternProcess implements AutoCloseable {

    private final Process process;
    private final int sourcePort;
    private final int consolePort;
    private final long launchedAt;
    private Duration startup;

    private PosternProcess(Process process, int sourcePort, int consolePort, long launchedAt) {
        this.launchedAt = launchedAt;
        this.process = process;
        this.sourcePort = sourcePort;
        this.consolePort = consolePort;
    }

    public static PosternProcess start(Path dataDir, List<String> jvmOptions, String... settings) {
        return launch(List.of("-cp", System.getProperty("java.class.path"), "org.postern.PosternApplication"),
                dataDir, jvmOptions, settings);
    }

    /** The packaged jar, as an operator runs it ({@code java -jar postern.jar}). */
    public static PosternProcess startJar(Path jar, Path dataDir, List<String> jvmOptions, String... settings) {
        return launch(List.of("-jar", jar.toString()), dataDir, jvmOptions, settings);
    }

    private static PosternProcess launch(List<String> main, Path dataDir, List<String> jvmOptions,
            String... settings) {
        int source = freePort();
        int console = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(main);
        command.addAll(List.of("--postern.data-dir=" + dataDir, "--postern.source.port=" + source,
                "--postern.console.port=" + console));
        command.addAll(Arrays.asList(settings));
        try {
            long launched = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            PosternProcess running = new PosternProcess(p, source, console, launched);
            running.awaitReady(Duration.ofSeconds(90));
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sourceUrl() {
        return "http://127.0.0.1:" + sourcePort;
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort;
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

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Postern exited with " + process.exitValue() + " during startup");
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
        kill();
        throw new IllegalStateException("Postern did not start within " + timeout);
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

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
