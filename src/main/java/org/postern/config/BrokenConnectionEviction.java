package org.postern.config;

import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose database has failed underneath it. When H2 cannot write
 * its file (a full disk), it closes the database; the pool would otherwise keep handing out connections to the
 * closed database, and Postern would refuse every request until restarted. A fresh connection reopens the file,
 * which H2 rolls back to its last complete commit, so once there is room again the server carries on.
 */
public final class BrokenConnectionEviction implements SQLExceptionOverride {

    /** H2's codes for: database closed, file I/O failed (two forms), file corrupt, general error. */
    private static final Set<Integer> H2_FATAL = Set.of(90098, 90028, 90031, 90030, 50000);

    /**
     * Retires every pooled connection (each closes once returned), so that after a database failure the next
     * request opens a fresh one instead of each idle connection failing once in turn.
     */
    public static void evictAll(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && H2_FATAL.contains(sql.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
