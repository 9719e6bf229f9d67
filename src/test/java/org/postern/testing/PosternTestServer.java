package org.postern.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.postern.PosternApplication;
import org.postern.RunningPostern;
import org.postern.cli.OperatorCommands;

/**
 * The real Postern, in-process, on random loopback ports, with its own data dir under target/ and a
 * {@link TestClock} the test can move.
 */
public final class PosternTestServer implements AutoCloseable {

    private final Path dataDir;
    private final List<String> settings;
    private final TestClock clock = new TestClock();
    private RunningPostern running;

    private PosternTestServer(Path dataDir, List<String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /**
     * A cheap Argon2id, the tests' default: a test that is not about the KDF's cost should not pay it at every
     * codename and password. A test that sets any {@code --postern.argon2.*} cost itself gets its own.
     */
    public static final List<String> CHEAP_KDF = List.of("--postern.argon2.memory-kib=8192",
            "--postern.argon2.iterations=1");
    /** Argon2id at its shipped cost, for tests about what an attacker meets. */
    public static final List<String> SHIPPED_KDF = List.of("--postern.argon2.memory-kib=65536",
            "--postern.argon2.iterations=3");

    /** A fresh data dir; {@code settings} are extra {@code --postern.*=...} arguments. */
    public static PosternTestServer inFreshDataDir(String... settings) {
        return inFreshDataDir(TestDatabase.freshSettings(), settings);
    }

    /** As {@link #inFreshDataDir(String...)}, with the caller's {@code --spring.datasource.*} arguments. */
    public static PosternTestServer inFreshDataDir(List<String> databaseSettings, String... settings) {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-data"));
            Path dataDir = Files.createTempDirectory(root.toAbsolutePath(), "data");
            List<String> all = new ArrayList<>(List.of("--postern.data-dir=" + dataDir,
                    "--postern.source.port=0", "--postern.console.port=0"));
            all.addAll(databaseSettings);
            all.addAll(Arrays.asList(settings));
            if (all.stream().noneMatch(s -> s.startsWith("--postern.argon2.memory-kib=")
                    || s.startsWith("--postern.argon2.iterations="))) {
                all.addAll(CHEAP_KDF);
            }
            return new PosternTestServer(dataDir, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an operator command against this data dir, as {@code java -jar postern.jar ARGS} would. */
    public CommandResult command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(settings);
        int code = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new CommandResult(code, out.toString(), err.toString());
    }

    public record CommandResult(int exitCode, String out, String err) {
    }

    public PosternTestServer start() {
        running = PosternApplication.start(clock, settings.toArray(String[]::new));
        return this;
    }

    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** The clock the server reads: move it instead of sleeping past a TOTP step, a lock or an expiry. */
    public TestClock clock() {
        return clock;
    }

    public RunningPostern running() {
        return running;
    }

    public String sourceUrl() {
        return "http://127.0.0.1:" + running.sourcePort();
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + running.consolePort();
    }

    public <T> T bean(Class<T> type) {
        return running.core().getBean(type);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path storeDir() {
        return dataDir.resolve("store");
    }

    @Override
    public void close() {
        stop();
    }
}
