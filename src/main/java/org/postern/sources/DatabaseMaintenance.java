package org.postern.sources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
            try (Connection c = dataSource.getConnection()) {
                if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                    c.setAutoCommit(true);
                    rewritePostgres(c);
                }
            }
        } catch (SQLException e) {
            // The class only: a message could quote a statement's values.
            log.warn("Database maintenance did not complete ({}); it runs again at the next scheduled time",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Does every step this role has the rights for, in order, and names the rest once. With the two roles of
     * docs/deploy.md on PostgreSQL 15 and 16 the application role owns no table, so it leaves the whole rewrite to
     * the owner's own daily run (deploy/postgresql/postern-db-rewrite); a {@code VACUUM} of tables it does not own
     * would only fill the server's log with one warning per table.
     */
    private static void rewritePostgres(Connection c) throws SQLException {
        List<String> mine = new ArrayList<>();
        int tables = 0;
        boolean maintain = c.getMetaData().getDatabaseMajorVersion() >= 17;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT format('%I.%I', n.nspname, "
                + "c.relname), pg_has_role(c.relowner, 'USAGE')"
                + (maintain ? " OR has_table_privilege(c.oid, 'MAINTAIN')" : "")
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
                + " ORDER BY 1")) {
            while (r.next()) {
                tables++;
                if (r.getBoolean(2)) {
                    mine.add(r.getString(1));
                }
            }
        }
        boolean statistics;
        boolean walRights;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_has_role(d.datdba, 'USAGE')"
                + (maintain ? " OR has_table_privilege('pg_catalog.pg_statistic', 'MAINTAIN')" : "")
                + ", has_function_privilege('pg_switch_wal()', 'EXECUTE') AND ((SELECT rolsuper FROM pg_roles"
                + " WHERE rolname = current_user) OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint'"
                + " AND pg_has_role(oid, 'USAGE'))) FROM pg_database d WHERE d.datname = current_database()")) {
            r.next();
            statistics = r.getBoolean(1);
            walRights = r.getBoolean(2);
        }
        List<String> left = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            // ANALYZE samples live rows only: the planner statistics then hold no value of a deleted row.
            for (String table : mine) {
                s.execute("VACUUM (FULL, ANALYZE) " + table);
            }
            if (mine.size() < tables) {
                left.add("rewriting " + (tables - mine.size()) + " of " + tables + " tables");
            }
            if (statistics) {
                // The statistics' former versions are dead tuples in pg_statistic.
                s.execute("VACUUM FULL pg_catalog.pg_statistic");
            } else {
                left.add("rewriting the planner statistics");
            }
            if (walRights) {
                // A checkpoint keeps the segment before its own redo point: two rounds retire the segments that
                // held the old rows (removed, not recycled, when wal_recycle is off).
                for (int round = 0; round < 2; round++) {
                    s.execute("SELECT pg_switch_wal()");
                    s.execute("CHECKPOINT");
                }
            } else {
                left.add("retiring the write-ahead log");
            }
        }
        if (!left.isEmpty()) {
            log.info("Database maintenance left {} to the database owner's daily rewrite (postern-db-rewrite)",
                    String.join(", ", left));
        }
    }

    /** Pooled H2 connections died with the shutdown; new ones reopen the rewritten file. */
    private void evictPooledConnections() {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
