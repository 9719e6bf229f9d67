package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.GnuPG;
import org.postern.testing.OperatorKeys;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.postern.testing.TestDatabase;
import org.postern.testing.TwoRolePostgres;
import org.springframework.util.FileSystemUtils;

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

    @Test
    void aRestoredBackupDecryptsVerifiesAndLetsSourcesBackIn() throws Exception {
        Database database = Database.fresh();
        Path work = Files.createTempDirectory(Path.of("target"), "backup-restore");
        PosternTestServer server = PosternTestServer.inFreshDataDir(database.settings());
        try (GnuPG gpg = GnuPG.create(); server) {
            database.migrate(server);
            OperatorKeys.add(server, gpg, "Backup Desk <backup@example.org>");
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

    /** PostgreSQL with the two roles of docs/deploy.md. */
    private record Postgres(TwoRolePostgres pg) implements Database {

        static Postgres create() {
            return new Postgres(TwoRolePostgres.create("restore"));
        }

        @Override
        public List<String> settings() {
            return pg.settings();
        }

        @Override
        public void migrate(PosternTestServer server) {
            pg.migrate(server);
        }

        @Override
        public void assertTheApplicationCannotAlterTheSchema(PosternTestServer server) throws SQLException {
            pg.assertTheApplicationCannotAlterTheSchema(server);
        }

        @Override
        public void dump(Path file) {
            pg.dump(file);
        }

        @Override
        public void drop() {
            pg.drop();
        }

        @Override
        public void restore(Path file) {
            pg.restore(file);
        }
    }
}
