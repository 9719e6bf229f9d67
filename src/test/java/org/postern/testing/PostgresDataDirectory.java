package org.postern.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The throwaway cluster's data directory read from outside, as someone who seized it would: every file searched
 * for a value, and the commit records of the WAL segments still there, each dated to the microsecond, read with
 * {@code pg_waldump}.
 */
public record PostgresDataDirectory(Path dataDir, List<Instant> commits) {

    private static final Pattern COMMIT = Pattern.compile(
            "COMMIT (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) UTC");
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

    public static PostgresDataDirectory read() throws IOException {
        Path dataDir = ThrowawayPostgres.dataDirectory();
        List<Instant> commits = new ArrayList<>();
        List<Path> segments;
        try (Stream<Path> files = Files.list(dataDir.resolve("pg_wal"))) {
            segments = files.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path segment : segments) {
            // The last segment ends where writing stopped, and pg_waldump reports that as an error: its records up
            // to there are printed all the same.
            String out = ThrowawayPostgres.client("pg_waldump", segment.toString()).out();
            for (Matcher m = COMMIT.matcher(out); m.find();) {
                commits.add(LocalDateTime.parse(m.group(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            }
        }
        return new PostgresDataDirectory(dataDir, commits);
    }

    /** A checkpoint, as a clean shutdown would make: what was in shared buffers is then in the files. */
    public static void checkpoint(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postern", ""); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Files under the data directory whose bytes contain {@code value}, relative to it. */
    public List<String> holding(String value) throws IOException {
        byte[] needle = value.getBytes(StandardCharsets.US_ASCII);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    found.add(dataDir.relativize(file).toString());
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
