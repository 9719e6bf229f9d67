package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A database on the throwaway cluster set up as docs/deploy.md says: owned by a migration role, used by an
 * application role that may only read and write rows, neither a superuser. The owner may also switch the WAL and
 * checkpoint, for the daily rewrite it runs.
 */
public record TwoRolePostgres(String name, String owner, String app, String url) {

    public static TwoRolePostgres create(String prefix) {
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        TwoRolePostgres pg = new TwoRolePostgres(prefix + "_" + suffix, "postern_owner_" + suffix,
                "postern_app_" + suffix, "jdbc:postgresql://127.0.0.1:" + ThrowawayPostgres.connection().get(3) + "/"
                        + prefix + "_" + suffix);
        psql("postgres", "CREATE ROLE " + pg.owner + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;"
                + "CREATE ROLE " + pg.app + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;"
                + "GRANT pg_checkpoint TO " + pg.owner);
        pg.createDatabase();
        return pg;
    }

    /** The empty database with its grants, as at installation. */
    public void createDatabase() {
        run("createdb", "-O", owner, name);
        psql(name, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC;"
                + "GRANT CONNECT ON DATABASE " + name + " TO " + app + ";"
                + "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
                + "GRANT USAGE ON SCHEMA public TO " + app + ";"
                + "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public "
                + "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app + ";"
                + "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public "
                + "GRANT USAGE, SELECT ON SEQUENCES TO " + app + ";"
                + "GRANT EXECUTE ON FUNCTION pg_switch_wal() TO " + owner);
    }

    /** Postern's datasource settings: the application role only. */
    public List<String> settings() {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + app,
                "--spring.datasource.password=");
    }

    /**
     * An operator command run once with the owner's Flyway settings, as after an upgrade: the service itself never
     * gets the owner's credentials, and its Flyway, as the application role, only validates.
     */
    public void migrate(PosternTestServer server) {
        PosternTestServer.CommandResult result = server.command("audit", "verify", "--spring.flyway.user=" + owner,
                "--spring.flyway.password=");
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    public void assertTheApplicationCannotAlterTheSchema(PosternTestServer server) throws SQLException {
        assertThat(((HikariDataSource) server.bean(DataSource.class)).getUsername()).isEqualTo(app);
        try (Connection c = DriverManager.getConnection(url, app, ""); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("select count(*) from submission").next()).isTrue();
            for (String ddl : List.of("create table intruder (x int)", "alter table submission add column x int",
                    "drop table audit_entry", "truncate audit_entry")) {
                // 42501: insufficient privilege.
                assertThatThrownBy(() -> s.execute(ddl)).as(ddl).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    public void dump(Path file) {
        run("pg_dump", "-U", owner, "--format=custom", "--file=" + file, name);
    }

    public void drop() {
        run("dropdb", name);
    }

    /** The same empty database, roles and grants as at installation; the dump brings the rest. */
    public void restore(Path file) {
        createDatabase();
        run("pg_restore", "-U", owner, "--exit-on-error", "--single-transaction", "-d", name, file.toString());
    }

    /** The libpq environment with which a deployed script reaches this database as {@code role}. */
    public Map<String, String> libpqEnvironment(String role) {
        List<String> connection = ThrowawayPostgres.connection();
        return Map.of("PGHOST", connection.get(1), "PGPORT", connection.get(3), "PGDATABASE", name, "PGUSER", role);
    }

    private static void psql(String database, String sql) {
        run("psql", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql);
    }

    /** A client program as the cluster's superuser, unless the arguments name another user. */
    private static void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        List<String> connection = ThrowawayPostgres.connection();
        boolean ownUser = List.of(args).contains("-U");
        command.addAll(ownUser ? connection.subList(0, 4) : connection);
        command.addAll(List.of(args));
        ThrowawayPostgres.ClientResult result = ThrowawayPostgres.client(program, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(program + ": " + result.out()).isZero();
    }
}
