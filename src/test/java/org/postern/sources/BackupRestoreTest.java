package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.postern.testing.TestDatabase;
import org.postern.testing.ThrowawayPostgres;
import org.springframework.util.FileSystemUtils;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A backup, a wipe and a restore, as docs/deploy.md describes them: on PostgreSQL {@code pg_dump} and
 * {@code pg_restore} of a database owned by a migration role, used by an application role that cannot change the
 * schema (migrations run by a one-off command as the owner), plus a copy of the data dir (blob store, peppers,
 * seal key); on H2 a copy of the stopped data dir.
 * Afterwards every submission decrypts with gpg, the audit chain verifies to the same head, and the sources log in
 * with their codenames.
 */
@Tag("postgresql")
class BackupRestoreTest {

    private static final String[] CHEAP_KDF = {"--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1"};

    @Test
    void aRestoredBackupDecryptsVerifiesAndLetsSourcesBackIn() throws Exception {
        Database database = Database.fresh();
        Path work = Files.createTempDirectory(Path.of("target"), "backup-restore");
        PosternTestServer server = PosternTestServer.inFreshDataDir(database.settings(), CHEAP_KDF);
        try (GnuPG gpg = GnuPG.create(); server) {
            database.migrate(server);
            String key = gpg.generateCurve25519("Backup Desk <backup@example.org>");
            assertThat(server.command("recipients", "add", gpg.exportArmoredTo(key, work).toString()).exitCode())
                    .isZero();
            server.start();
            database.assertTheApplicationCannotAlterTheSchema(server);
            ConsoleAccounts.logIn(new ConsoleAccounts(server).setUpFirstAdmin("ada"));

            Map<String, byte[]> sent = new java.util.HashMap<>();
            List<SourceVisit> visits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String message = "Backup test message " + i;
                byte[] document = new byte[40_000 + i];
                new SecureRandom().nextBytes(document);
                String name = "document-" + i + ".bin";
                visits.add(SourceVisit.newSource(server).submit(message, List.of(new TestBrowser.FilePart(name,
                        () -> new java.io.ByteArrayInputStream(document)))));
                sent.put(message, message.getBytes(StandardCharsets.UTF_8));
                sent.put(name, document);
            }
            List<Submission> before = server.bean(SubmissionRepository.class).findAll();
            assertThat(before).hasSize(6);
            server.stop();
            String head = auditHead(server);

            // Backup, then the machine is lost.
            Path copy = work.resolve("data-dir-copy");
            copyTree(server.dataDir(), copy);
            database.dump(work.resolve("postern.dump"));
            FileSystemUtils.deleteRecursively(server.dataDir());
            database.drop();
            assertThat(server.dataDir()).doesNotExist();

            // Restore.
            database.restore(work.resolve("postern.dump"));
            copyTree(copy, server.dataDir());
            database.migrate(server);
            assertThat(auditHead(server)).as("the audit chain verifies to the same head").isEqualTo(head);
            server.start();

            List<Submission> after = server.bean(SubmissionRepository.class).findAll();
            assertThat(after).containsExactlyInAnyOrderElementsOf(before);
            for (Submission s : after) {
                GnuPG.Decrypted plain = gpg.decrypt(server.storeDir().resolve(s.blobId().value()));
                assertThat(plain.integrityOk()).isTrue();
                byte[] expected = s.kind() == SubmissionKind.MESSAGE ? sent.get(plain.text())
                        : sent.get(plain.fileName());
                assertThat(expected).as("submission %s decrypts to what was sent", s.seq()).isNotNull()
                        .isEqualTo(plain.plaintext());
            }
            for (SourceVisit visit : visits) {
                assertThat(visit.logInAgain().status()).as("a source logs in with its codename").isEqualTo(200);
            }
            database.assertTheApplicationCannotAlterTheSchema(server);
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static String auditHead(PosternTestServer server) {
        PosternTestServer.CommandResult verify = server.command("audit", "verify");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        return verify.out().lines().filter(l -> l.startsWith("Last entry hash: ")).findFirst().orElseThrow();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    // tar keeps modification times too; blob times are kept to the day on purpose.
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The database as the test run has it: H2 inside the data dir, or a PostgreSQL database with two roles. */
    private interface Database {
        List<String> settings();

        /** The schema migrations, by the role that may run them. */
        void migrate(PosternTestServer server);

        void assertTheApplicationCannotAlterTheSchema(PosternTestServer server) throws SQLException;

        void dump(Path file);

        void drop();

        void restore(Path file);

        static Database fresh() {
            if ("postgresql".equals(System.getProperty("postern.test.database"))) {
                return Postgres.create();
            }
            return new H2();
        }
    }

    /** H2 lives in the data dir, so the copy of the stopped data dir is the whole backup. */
    private record H2() implements Database {
        @Override
        public List<String> settings() {
            return TestDatabase.freshSettings();
        }

        @Override
        public void migrate(PosternTestServer server) {
            // The server's own start runs them.
        }

        @Override
        public void assertTheApplicationCannotAlterTheSchema(PosternTestServer server) {
            // One embedded database with one user: nothing to separate.
        }

        @Override
        public void dump(Path file) {
        }

        @Override
        public void drop() {
        }

        @Override
        public void restore(Path file) {
        }
    }

    /**
     * A database owned by a migration role, with an application role that may only read and write rows, both
     * without superuser rights, set up as docs/deploy.md says.
     */
    private record Postgres(String name, String owner, String app, String url) implements Database {

        static Postgres create() {
            String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
            Postgres pg = new Postgres("restore_" + suffix, "postern_owner_" + suffix, "postern_app_" + suffix,
                    null);
            psql("postgres", "CREATE ROLE " + pg.owner + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;"
                    + "CREATE ROLE " + pg.app + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            pg.createDatabase();
            return new Postgres(pg.name, pg.owner, pg.app,
                    "jdbc:postgresql://127.0.0.1:" + ThrowawayPostgres.connection().get(3) + "/" + pg.name);
        }

        private void createDatabase() {
            run("createdb", "-O", owner, name);
            psql(name, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC;"
                    + "GRANT CONNECT ON DATABASE " + name + " TO " + app + ";"
                    + "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
                    + "GRANT USAGE ON SCHEMA public TO " + app + ";"
                    + "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public "
                    + "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app + ";"
                    + "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public "
                    + "GRANT USAGE, SELECT ON SEQUENCES TO " + app);
        }

        @Override
        public List<String> settings() {
            return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + app,
                    "--spring.datasource.password=");
        }

        /**
         * An operator command run once with the owner's Flyway settings, as after an upgrade: the service itself
         * never gets the owner's credentials, and its Flyway, as the application role, only validates.
         */
        @Override
        public void migrate(PosternTestServer server) {
            PosternTestServer.CommandResult result = server.command("audit", "verify",
                    "--spring.flyway.user=" + owner, "--spring.flyway.password=");
            assertThat(result.exitCode()).as(result.err()).isZero();
        }

        @Override
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

        @Override
        public void dump(Path file) {
            run("pg_dump", "-U", owner, "--format=custom", "--file=" + file, name);
        }

        @Override
        public void drop() {
            run("dropdb", name);
        }

        @Override
        public void restore(Path file) {
            // The same empty database, roles and grants as at installation; the dump brings the rest.
            createDatabase();
            run("pg_restore", "-U", owner, "--exit-on-error", "--single-transaction", "-d", name, file.toString());
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
}
