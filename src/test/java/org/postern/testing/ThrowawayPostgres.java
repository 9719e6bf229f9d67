package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server for this test JVM: its own cluster in a temporary directory, on a free loopback port,
 * trust authentication, stopped and deleted at exit. Each caller gets a fresh database. As root it runs the server
 * as the {@code postgres} user, because PostgreSQL refuses to run as root. WAL segments are removed rather than
 * recycled, as docs/deploy.md recommends, so that the daily rewrite can take deleted rows out of the WAL too.
 */
public final class ThrowawayPostgres {

    private static ThrowawayPostgres instance;

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();

    private ThrowawayPostgres(Path bin, Path home, int port, boolean root) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.root = root;
    }

    /** The JDBC URL of a new, empty database; the user is {@code postern}, with no password. */
    public static synchronized String newDatabaseUrl() {
        if (instance == null) {
            instance = start();
        }
        String name = "postern_" + instance.databases.incrementAndGet();
        instance.run("createdb", "-h", "127.0.0.1", "-p", String.valueOf(instance.port), "-U", "postern", name);
        return "jdbc:postgresql://127.0.0.1:" + instance.port + "/" + name;
    }

    /** The running cluster's data directory, for tests that read its files as someone who seized them would. */
    public static synchronized Path dataDirectory() {
        if (instance == null) {
            instance = start();
        }
        return instance.home.resolve("data");
    }

    /** The directory of this cluster's server and client programs, for scripts that call them by name. */
    public static synchronized Path binDirectory() {
        if (instance == null) {
            instance = start();
        }
        return instance.bin;
    }

    /** What the server has logged so far: its warnings and errors, and nothing else at the default settings. */
    public static synchronized String serverLog() {
        if (instance == null) {
            instance = start();
        }
        try {
            return Files.readString(instance.home.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one of PostgreSQL's client programs ({@code pg_dump}, {@code pg_restore}, {@code pg_waldump}, ...) as
     * this process's user; {@code host} options are the caller's. Returns the exit code and everything it printed.
     */
    public static synchronized ClientResult client(String program, String... args) {
        if (instance == null) {
            instance = start();
        }
        List<String> command = new ArrayList<>(List.of(instance.bin.resolve(program).toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("PostgreSQL command timed out: " + command);
            }
            return new ClientResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The connection options of this cluster's superuser, for {@link #client}. */
    public static synchronized List<String> connection() {
        if (instance == null) {
            instance = start();
        }
        return List.of("-h", "127.0.0.1", "-p", String.valueOf(instance.port), "-U", "postern");
    }

    /** What a client program printed, and how it ended. */
    public record ClientResult(int exitCode, String out) {
    }

    private static ThrowawayPostgres start() {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path home = Files.createTempDirectory(Path.of("/tmp"), "pgsql",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ThrowawayPostgres pg = new ThrowawayPostgres(binDir(), home, FreePorts.forChild(), root);
            if (root) {
                pg.exec(List.of("chown", "postgres:postgres", home.toString()));
            }
            pg.run("initdb", "-D", home.resolve("data").toString(), "-U", "postern", "--auth=trust",
                    "--encoding=UTF8", "--locale=C");
            pg.run("pg_ctl", "-D", home.resolve("data").toString(), "-l", home.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + pg.port + " -k " + home + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off -c max_connections=200 -c wal_recycle=off", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "stop-postgres"));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", home.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            FileSystemUtils.deleteRecursively(home.toFile());
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        exec(command);
    }

    private void exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("PostgreSQL command failed: " + command + "\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Path binDir() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                var newest = dirs.map(d -> d.resolve("bin"))
                        .filter(d -> Files.isExecutable(d.resolve("initdb")))
                        .max(Comparator.comparingInt(ThrowawayPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        return Prerequisites.program("initdb", "postgresql").getParent();
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) : 0;
    }
}
