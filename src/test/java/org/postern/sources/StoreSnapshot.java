package org.postern.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.util.FileSystemUtils;

/**
 * The data dir of a stopped (or killed) server, read from outside: the files in store/ and store/incoming, and
 * the blob ids the submission and reply rows name. The database is read from a copy, so that H2's own
 * recovery on opening changes nothing the next start of Postern will see.
 */
record StoreSnapshot(Set<String> incoming, Set<String> blobs, Map<String, String> rowBlobs) {

    /** Row id by blob id, for the blobs that no row names and the rows whose blob is gone. */
    Set<String> blobsWithoutRow() {
        Set<String> orphans = new HashSet<>(blobs);
        orphans.removeAll(rowBlobs.keySet());
        return orphans;
    }

    Set<String> rowsWithoutBlob() {
        Set<String> rows = new HashSet<>();
        rowBlobs.forEach((blob, row) -> {
            if (!blobs.contains(blob)) {
                rows.add(row);
            }
        });
        return rows;
    }

    /** {@code jdbcUrl} names a PostgreSQL database, read as it is; null for the H2 files in the data dir. */
    static StoreSnapshot read(Path dataDir, Path scratch, String jdbcUrl) {
        try {
            Path store = dataDir.resolve("store");
            Set<String> incoming = names(store.resolve("incoming"));
            Set<String> blobs = names(store);
            if (jdbcUrl != null) {
                // PostgreSQL rolls back what the killed server left open, once each of its backends has seen the
                // connection close; its own recovery is not Postern's.
                awaitNoOtherClients(jdbcUrl);
                return new StoreSnapshot(incoming, blobs, rows(jdbcUrl));
            }
            Path copy = Files.createDirectories(scratch.resolve("db-copy"));
            FileSystemUtils.deleteRecursively(copy);
            FileSystemUtils.copyRecursively(dataDir.resolve("db"), copy);
            try {
                return new StoreSnapshot(incoming, blobs, rows(copy.resolve("postern")));
            } finally {
                FileSystemUtils.deleteRecursively(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Until the killed server's backends have ended, a commit it had sent could still land after this read: the
     * snapshot would then miss a row that the next start sees.
     */
    private static void awaitNoOtherClients(String url) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try (Connection c = DriverManager.getConnection(url, "postern", ""); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where datname = "
                        + "current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the killed server's database sessions did not end in 30 s");
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's sessions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    private static Map<String, String> rows(Path db) {
        return rows("jdbc:h2:file:" + db.toAbsolutePath());
    }

    private static Map<String, String> rows(String url) {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "postern", "");
                Statement s = c.createStatement()) {
            for (String table : new String[] {"submission", "reply"}) {
                try (ResultSet r = s.executeQuery("select id, blob_id from " + table)) {
                    while (r.next()) {
                        rows.put(r.getString("blob_id"), table + ":" + r.getString("id"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database copy", e);
        }
        return rows;
    }
}
