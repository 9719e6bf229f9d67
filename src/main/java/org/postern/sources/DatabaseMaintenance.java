package org.postern.sources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Rewrites the database so that its file keeps no history: H2 writes a storage chunk per commit, each dated to
 * the millisecond, and keeps deleted rows in old chunks until they are overwritten. {@code SHUTDOWN COMPACT}
 * re-creates the file from live data alone, so afterwards every chunk carries the time of this run, and
 * deleted rows are gone. On PostgreSQL, {@code VACUUM FULL} rewrites every table without dead tuples, and WAL
 * switches with checkpoints retire the segments that held the old rows (as far as the server's WAL settings let
 * them go: recycled segments keep their old bytes, archived ones keep everything). Run at a fixed daily time, it
 * dates nothing but itself.
 */
@Service
public class DatabaseMaintenance {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMaintenance.class);

    private final DataSource dataSource;

    DatabaseMaintenance(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rewrites the database now. A transaction that is open at this moment on H2 fails, and its request asks the
     * user to try again; nothing committed is lost, because the rewrite copies only committed data.
     */
    public synchronized void run() {
        try {
            if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl().startsWith("jdbc:h2:")) {
                // Its own connection, outside the pool: a pooled one would be reset after the shutdown closed it,
                // and H2 would write that error, dated, to a trace file beside the database.
                try (Connection c = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                        hikari.getPassword()); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
                evictPooledConnections();
                return;
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM FULL");
                    // A checkpoint keeps the segment before its own redo point: two rounds retire the segments
                    // that held the old rows (removed, not recycled, when wal_recycle is off).
                    for (int round = 0; round < 2; round++) {
                        s.execute("SELECT pg_switch_wal()");
                        s.execute("CHECKPOINT");
                    }
                }
            }
        } catch (SQLException e) {
            // The class only: a message could quote a statement's values.
            log.warn("Database maintenance did not complete ({}); it runs again at the next scheduled time",
                    e.getClass().getSimpleName());
        }
    }

    /** Pooled H2 connections died with the shutdown; new ones reopen the rewritten file. */
    private void evictPooledConnections() {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
