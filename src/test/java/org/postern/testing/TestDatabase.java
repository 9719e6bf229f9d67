package org.postern.testing;

import java.util.List;

/**
 * Which database a test's Postern runs on. H2 in the data dir by default; with
 * {@code -Dpostern.test.database=postgresql} (the build's "postgresql" test run) each new data dir gets a fresh
 * database on a real PostgreSQL instead.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Extra {@code --spring.datasource.*} arguments for one new data dir; empty for H2. */
    public static List<String> freshSettings() {
        String database = System.getProperty("postern.test.database", "h2");
        return switch (database) {
            case "h2" -> List.of();
            case "postgresql" -> List.of("--spring.datasource.url=" + ThrowawayPostgres.newDatabaseUrl(),
                    "--spring.datasource.username=postern", "--spring.datasource.password=");
            default -> throw new IllegalArgumentException("postern.test.database: h2 or postgresql, not " + database);
        };
    }
}
