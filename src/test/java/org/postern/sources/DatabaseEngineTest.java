package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Pins which engine a test run really used: the default run must be on H2 in the data dir, and the "postgresql"
 * run must not fall back to H2 unnoticed, or it would prove nothing about PostgreSQL.
 */
@Tag("postgresql")
class DatabaseEngineTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void theServerRunsOnTheEngineThisTestRunAskedFor(PosternTestServer server)
            throws SQLException, java.io.IOException {
        String expected = switch (System.getProperty("postern.test.database", "h2")) {
            case "postgresql" -> "PostgreSQL";
            default -> "H2";
        };
        try (Connection connection = server.bean(DataSource.class).getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expected);
            MigrationInfoService migrations = server.bean(Flyway.class).info();
            int files = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
            assertThat(migrations.pending()).as("nothing left pending").isEmpty();
            assertThat(migrations.applied()).as("every migration applied").hasSize(files)
                    .allMatch(m -> m.getState().isApplied() && !m.getState().isFailed());
        }
    }
}
