package org.postern.testing.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One tor, run in the foreground inside the namespace so that the test holds its real pid. */
final class TorProcess implements AutoCloseable {

    private final String name;
    private final Path dataDir;
    private final Process process;

    private TorProcess(String name, Path dataDir, Process process) {
        this.name = name;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** Starts tor with only {@code torrc}: an empty defaults file keeps the host's tor settings out. */
    static TorProcess start(NetworkNamespace ns, Path tor, String name, Path dataDir, Path torrc, Path emptyFile)
            throws IOException {
        Process process = ns.command(List.of(tor.toString(), "--defaults-torrc", emptyFile.toString(),
                "-f", torrc.toString())).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("stdout.log").toFile()).start();
        TorProcess started = new TorProcess(name, dataDir, process);
        try {
            ns.requireInside(process.pid(), "tor");
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        } catch (InterruptedException e) {
            started.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    String name() {
        return name;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** Tor re-reads its configuration, and its onion services' authorized_clients, on SIGHUP. */
    void reload() throws IOException {
        requireAlive();
        run("kill", "-HUP", Long.toString(process.pid()));
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("tor '" + name + "' has exited: " + logTail());
        }
    }

    /** Waits until the notice log has a line containing {@code text}. */
    void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tor '" + name + "' did not log '" + text + "' within " + timeout
                        + ": " + logTail());
            }
            Thread.sleep(100);
        }
    }

    String log() throws IOException {
        Path log = dataDir.resolve("notice.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    String logTail() {
        try {
            String all = log() + Files.readString(dataDir.resolve("stdout.log"), StandardCharsets.UTF_8);
            return all.length() > 3000 ? all.substring(all.length() - 3000) : all;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGTERM with ShutdownWaitLength 0 stops tor at once; SIGKILL if it does not. Only this pid is touched. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
