package org.postern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postern.sources.DatabaseMaintenance;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternTestServer;
import org.postern.testing.PostgresDataDirectory;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.postern.testing.ThrowawayPostgres;
import org.postern.testing.TwoRolePostgres;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The daily rewrite with the two roles of docs/deploy.md, on the PostgreSQL the run uses: Postern's own
 * maintenance, as the application role, does what that role may and names the rest in one calm line; then
 * deploy/postgresql/postern-db-rewrite, the command postern-db-rewrite.service runs, as the owner. Afterwards the
 * data directory, read byte by byte, holds no trace of a deleted submission and no commit time from before the
 * rewrite, as SeizedServerTest checks for a single role.
 */
@Tag("postgresql")
@EnabledIfSystemProperty(named = "postern.test.database", matches = "postgresql",
        disabledReason = "PostgreSQL only: runs in the build's postgresql run")
class PostgresOwnerRewriteTest {

    private static final Path SCRIPT = Path.of("deploy", "postgresql", "postern-db-rewrite");
    private static final Path UNIT = Path.of("deploy", "systemd", "postern-db-rewrite.service");
    private static final String INSTALLED = "/usr/local/lib/postern/postern-db-rewrite";

    @Test
    void theOwnersShippedRewriteLeavesNoTraceOfADeletedSubmission() throws Exception {
        String canary = "REWRITECANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        TwoRolePostgres pg = TwoRolePostgres.create("rewrite");
        Path work = Files.createTempDirectory(Path.of("target"), "owner-rewrite");
        PosternTestServer server = PosternTestServer.inFreshDataDir(pg.settings());
        try (GnuPG gpg = GnuPG.create(); server) {
            pg.migrate(server);
            String key = gpg.generateCurve25519("Rewrite Desk <rewrite@example.org>");
            assertThat(server.command("recipients", "add", gpg.exportArmoredTo(key, work).toString()).exitCode())
                    .isZero();
            server.start();
            pg.assertTheApplicationCannotAlterTheSchema(server);
            Person ada = new ConsoleAccounts(server).setUpFirstAdmin("ada");
            ConsoleAccounts.logIn(ada);
            List<String> needles = new ArrayList<>(List.of(canary));
            List<SourceVisit> visits = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String message = "Owner rewrite message " + i + " " + canary;
                String file = "ledger-" + i + "-" + canary + ".pdf";
                visits.add(SourceVisit.newSource(server).submit(message, List.of(
                        new TestBrowser.FilePart(file, () -> new CanaryContent(20_000, canary, 3)))));
                needles.addAll(List.of(message, file, visits.get(i).codename()));
            }
            // What autovacuum's ANALYZE does on a busy server: planner statistics that sample the column values.
            superuser(pg.url(), "ANALYZE");

            String sourceId = visits.get(0).source().id();
            Submission doomed = server.bean(SubmissionRepository.class).findBySource(sourceId).get(0);
            Page confirm = ada.browser().get("/sources/" + sourceId + "/submissions/" + doomed.seq() + "/delete");
            assertThat(ada.browser().post("/sources/" + sourceId + "/submissions/" + doomed.seq() + "/delete",
                    Map.of("_csrf", confirm.csrfToken(), "confirm", "yes")).status()).isEqualTo(200);
            String blobId = doomed.blobId().value();

            // The control: the WAL dates the session's commits to the microsecond; the deleted row is a dead tuple
            // in the table's file, in the WAL, and its value sampled into the statistics.
            PostgresDataDirectory.checkpoint(pg.url());
            PostgresDataDirectory before = PostgresDataDirectory.read();
            assertThat(before.commits()).as("WAL commit times of the session").hasSizeGreaterThan(10)
                    .anySatisfy(t -> assertThat(t.getNano() % 1_000_000).isNotZero());
            String statistics = superuserValue(pg.url(), "SELECT pg_relation_filepath('pg_catalog.pg_statistic')");
            List<String> holdingBefore = before.holding(blobId);
            assertThat(holdingBefore).as("files holding the deleted blob id")
                    .anyMatch(f -> f.startsWith("pg_wal/")).contains(statistics)
                    .anyMatch(f -> f.startsWith("base/") && !f.equals(statistics));

            // Postern's own daily run, as the application role: nothing it may not do, one line on what it left.
            Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String serverLogBefore = ThrowawayPostgres.serverLog();
            List<ILoggingEvent> logged = maintenanceLog(() -> server.bean(DatabaseMaintenance.class).run());
            assertThat(logged).as("what the application's maintenance logged").singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).startsWith("Database maintenance left rewriting ")
                        .contains("tables, rewriting the planner statistics, retiring the write-ahead log")
                        .contains("postern-db-rewrite").doesNotContain(blobId).doesNotContain(doomed.id());
            });
            assertThat(ThrowawayPostgres.serverLog().substring(serverLogBefore.length()))
                    .as("PostgreSQL's log during the application's maintenance").doesNotContain("WARNING")
                    .doesNotContain("ERROR");
            PostgresDataDirectory.checkpoint(pg.url());
            assertThat(PostgresDataDirectory.read().holding(blobId))
                    .as("the application role cannot rewrite the owner's tables: the dead tuple stays")
                    .anyMatch(f -> f.startsWith("base/") && !f.equals(statistics));

            // The owner's run, as postern-db-rewrite.service starts it.
            assertThat(Files.readAllLines(UNIT)).as("the unit runs the installed script").contains("ExecStart="
                    + INSTALLED);
            assertThat(Files.readString(Path.of("docs", "deploy.md"))).as("docs/deploy.md installs the script")
                    .contains("install -m 0755 " + SCRIPT + " " + INSTALLED);
            String out = runAsDeployed(pg.libpqEnvironment(pg.owner()));
            assertThat(out).as("the script prints nothing when it succeeds").isEmpty();

            // The server goes on working on the rewritten tables.
            assertThat(ada.browser().get("/sources/" + sourceId).status()).isEqualTo(200);
            assertThat(visits.get(1).logInAgain().status()).isEqualTo(200);

            PostgresDataDirectory.checkpoint(pg.url());
            PostgresDataDirectory after = PostgresDataDirectory.read();
            assertThat(after.holding(blobId)).as("files holding the deleted blob id").isEmpty();
            assertThat(after.holding(doomed.id())).as("files holding the deleted row id").isEmpty();
            assertThat(after.commits()).as("WAL commit times: none dates anything before the rewrite").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(started));
            assertThat(PlaintextScanner.findAll(List.of(after.dataDir(), server.dataDir()), needles))
                    .as("content in PostgreSQL's data directory or Postern's").isEmpty();
            System.out.println("Owner rewrite: before it " + before.commits().size() + " WAL commit times, the "
                    + "deleted blob id in " + holdingBefore + " (pg_statistic: " + statistics + "); after it "
                    + after.commits().size() + " commit times, none before " + started + ", the deleted ids in no file");
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(work);
        }
    }

    /** The shipped script, with the throwaway cluster's programs first on the PATH, as the owner. */
    private static String runAsDeployed(Map<String, String> libpq) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().putAll(libpq);
        builder.environment().put("PATH", ThrowawayPostgres.binDirectory() + ":" + System.getenv("PATH"));
        builder.environment().remove("PGPASSFILE");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the rewrite finished").isTrue();
        assertThat(p.exitValue()).as("postern-db-rewrite: " + out).isZero();
        return out;
    }

    private static List<ILoggingEvent> maintenanceLog(Runnable action) {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(DatabaseMaintenance.class);
        captured.start();
        logger.addAppender(captured);
        try {
            action.run();
        } finally {
            logger.detachAppender(captured);
        }
        return List.copyOf(captured.list);
    }

    private static void superuser(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postern", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String superuserValue(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postern", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
