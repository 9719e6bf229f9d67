package org.postern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.sources.DatabaseMaintenance;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.OperatorKeys;
import org.postern.testing.Page;
import org.postern.testing.PostgresDataDirectory;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternTestServer;
import org.postern.testing.S3ProxyServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;
import org.postern.testing.Waits;

/**
 * The seized server: after a realistic session the server is stopped and its data read as an attacker
 * would: every file walked, the H2 database opened read-only with plain JDBC and every column of every table
 * dumped. Each file and each column must be classified here ({@link SeizedData}) with what it is and why it
 * may be there; an unclassified one fails, so new schema has to be classified. Nothing a source or an
 * investigator typed as content (codenames, messages, replies, file names, canaries) and no password may be
 * found anywhere. With the blobs in S3 (S3Proxy) the same holds for what stays on the Postern host, which then
 * holds no blob at all, and the S3 server's storage holds only ciphertext.
 */
@Tag("postgresql")
class SeizedServerTest {

    private Maintenance maintenance;
    private String jdbcUrl;

    @ParameterizedTest(name = "blobs on {0}")
    @ValueSource(strings = {"filesystem", "s3"})
    void aStoppedServersDiskHoldsOnlyClassifiedData(String store) throws IOException, SQLException {
        String canary = "SEIZEDCANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        List<String> needles = new ArrayList<>(List.of(canary, ConsoleAccounts.PASSWORD));
        Path tor = Files.createTempDirectory(Path.of("target"), "seized-tor");
        Path clients = Files.createDirectories(tor.resolve("authorized_clients"));
        Files.writeString(tor.resolve("console"), "a".repeat(56) + ".onion\n");
        List<String> settings = new ArrayList<>(List.of("--postern.argon2.memory-kib=8192",
                "--postern.argon2.iterations=1", "--postern.tor.console-hostname-file=" + tor.resolve("console"),
                "--postern.tor.console-authorized-clients-dir=" + clients));
        S3ProxyServer s3 = store.equals("s3") ? S3ProxyServer.start() : null;
        if (s3 != null) {
            settings.addAll(s3.settings());
        }
        PosternTestServer server = PosternTestServer.inFreshDataDir(settings.toArray(String[]::new));
        try (s3; GnuPG gpg = GnuPG.create(); server) {
            OperatorKeys.add(server, gpg, "Operator Desk <desk@example.org>");
            server.start();
            jdbcUrl = ((com.zaxxer.hikari.HikariDataSource) server.bean(javax.sql.DataSource.class)).getJdbcUrl();
            Session session = session(server, gpg, canary, needles);
            maintenance = deleteThenRewrite(server, session, jdbcUrl);
            uploadInProgress(server, s3, canary, needles);
            server.stop();
            if (s3 != null) {
                bucketHoldsOnlyCiphertext(s3, needles);
            }
        }

        SeizedData seized = SeizedData.read(server.dataDir(), clients, jdbcUrl);
        assertThat(seized.unclassified()).as("files and columns nobody has classified").isEmpty();
        // H2 2.4 hit an assertion compacting at close, leaving a trace dated to the stop; MAX_COMPACT_TIME=0.
        assertThat(seized.fileCounts()).as("a clean stop leaves no H2 trace file").doesNotContainKey("DATABASE_TRACE");
        assertThat(seized.violations()).as("values that do not look like their class").isEmpty();
        assertThat(seized.valuesContaining(needles)).as("content found in the database").isEmpty();
        assertThat(seized.addresses()).as("IP addresses in the database").isEmpty();
        assertThat(PlaintextScanner.findAll(List.of(server.dataDir(), clients), needles))
                .as("content found in any file").isEmpty();
        if (s3 != null) {
            assertThat(seized.blobs()).as("blobs on the Postern host, with the store in S3").isEmpty();
        } else {
            assertThat(seized.blobs()).as("blobs, each PKESK packets then one SEIPD").isNotEmpty();
        }
        for (Path blob : seized.blobs()) {
            FileTime modified = Files.getLastModifiedTime(blob);
            assertThat(LocalTime.ofInstant(modified.toInstant(), ZoneOffset.UTC)).as("mtime of %s", blob)
                    .isEqualTo(LocalTime.MIDNIGHT);
        }
        System.out.println("Seized server: " + seized.summary());

        Path database = server.dataDir().resolve("db/postern.mv.db");
        if (Files.exists(database)) {
            // Read byte by byte: after the rewrite no chunk is older than it, and the deleted rows are gone.
            H2Chunks after = H2Chunks.read(database);
            assertThat(after.created()).as("the file was re-created by the rewrite")
                    .isAfterOrEqualTo(maintenance.started());
            assertThat(after.times()).as("chunk times: none dates anything before the rewrite").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(maintenance.started()));
            String raw = text(database);
            assertThat(raw).as("the deleted submission's row id").doesNotContain(maintenance.deletedRowId());
            assertThat(raw).as("the deleted submission's blob id").doesNotContain(maintenance.deletedBlobId());
            System.out.println("Seized H2 file before the rewrite: " + maintenance.before().times().size()
                    + " chunk times at millisecond resolution; after: " + after.times().size()
                    + ", none before the rewrite at " + maintenance.started());
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PostgresDataDirectory.checkpoint(jdbcUrl);
            PostgresDataDirectory after = PostgresDataDirectory.read();
            assertThat(PlaintextScanner.findAll(List.of(after.dataDir()), needles))
                    .as("content found in PostgreSQL's data directory").isEmpty();
            assertThat(after.holding(maintenance.deletedBlobId())).as("files holding the deleted blob id").isEmpty();
            assertThat(after.holding(maintenance.deletedRowId())).as("files holding the deleted row id").isEmpty();
            assertThat(after.commits()).as("WAL commit times: none dates anything before the rewrite").isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(maintenance.started()));
            System.out.println("Seized PostgreSQL data directory before the rewrite: " + maintenance.pgBefore()
                    .commits().size() + " WAL commit times at microsecond resolution, the deleted ids in "
                    + maintenance.pgFilesHoldingDeleted() + "; after: "
                    + after.commits().size() + " commit times, none before the rewrite at " + maintenance.started()
                    + ", the deleted ids in no file");
        }
    }

    /** A deletion in the console, then the daily rewrite, with the raw file read before it as a control. */
    record Maintenance(Instant started, String deletedRowId, String deletedBlobId, H2Chunks before,
            PostgresDataDirectory pgBefore, List<String> pgFilesHoldingDeleted) {
    }

    private static Maintenance deleteThenRewrite(PosternTestServer server, Session session, String jdbcUrl)
            throws IOException, SQLException {
        Source source = server.bean(SourceRepository.class).findById(session.sourceId()).orElseThrow();
        Submission doomed = server.bean(SubmissionRepository.class).findBySource(source.id()).get(0);
        Person ada = session.admin();
        Page confirm = ada.browser().get("/sources/" + source.id() + "/submissions/" + doomed.seq() + "/delete");
        assertThat(ada.browser().post("/sources/" + source.id() + "/submissions/" + doomed.seq() + "/delete",
                Map.of("_csrf", confirm.csrfToken(), "confirm", "yes")).status()).isEqualTo(200);
        assertThat(server.bean(SubmissionRepository.class).findBySource(source.id()))
                .extracting(Submission::id).doesNotContain(doomed.id());

        Path database = server.dataDir().resolve("db/postern.mv.db");
        H2Chunks before = null;
        if (Files.exists(database)) {
            before = H2Chunks.read(database);
            // The control: the raw file dates the session's commits to the millisecond and keeps the deleted row.
            assertThat(before.times()).as("chunk times of the session").hasSizeGreaterThan(10)
                    .anySatisfy(t -> assertThat(t.toEpochMilli() % 1000).isNotZero());
            assertThat(text(database)).contains(doomed.blobId().value());
        }
        PostgresDataDirectory pgBefore = null;
        List<String> holding = List.of();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PostgresDataDirectory.checkpoint(jdbcUrl);
            pgBefore = PostgresDataDirectory.read();
            // The control: the WAL dates the session's commits to the microsecond; the deleted row is still in
            // the table's file (a dead tuple) and in the WAL.
            assertThat(pgBefore.commits()).as("WAL commit times of the session").hasSizeGreaterThan(10)
                    .anySatisfy(t -> assertThat(t.getNano() % 1_000_000).isNotZero());
            holding = pgBefore.holding(doomed.blobId().value());
            assertThat(holding).as("files holding the deleted blob id")
                    .anyMatch(f -> f.startsWith("base/")).anyMatch(f -> f.startsWith("pg_wal/"));
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        server.bean(DatabaseMaintenance.class).run();
        // The server goes on working on the rewritten database.
        assertThat(ada.browser().get("/sources/" + source.id()).status()).isEqualTo(200);
        return new Maintenance(started, doomed.id(), doomed.blobId().value(), before, pgBefore, holding);
    }

    /**
     * The header fields of an H2 MVStore file, read as text: the store header's {@code created} (epoch
     * milliseconds, hex) and each chunk header's {@code time} (milliseconds since then, hex).
     */
    record H2Chunks(Instant created, List<Instant> times) {
        private static final Pattern STORE = Pattern.compile("H:2,[^\\n]*?created:([0-9a-f]+)");
        private static final Pattern CHUNK = Pattern.compile("chunk:[0-9a-f]+,[^\\n]*?time:([0-9a-f]+)");

        static H2Chunks read(Path file) throws IOException {
            String raw = text(file);
            Matcher store = STORE.matcher(raw);
            assertThat(store.find()).as("an H2 store header in " + file).isTrue();
            long created = Long.parseLong(store.group(1), 16);
            java.util.TreeSet<Instant> times = new java.util.TreeSet<>();
            for (Matcher chunk = CHUNK.matcher(raw); chunk.find();) {
                times.add(Instant.ofEpochMilli(created + Long.parseLong(chunk.group(1), 16)));
            }
            return new H2Chunks(Instant.ofEpochMilli(created), List.copyOf(times));
        }
    }

    /** Sources submit and come back; investigators enrol, upload keys, triage, download, reply, set things. */
    record Session(Person admin, String sourceId) {
    }

    private static Session session(PosternTestServer server, GnuPG gpg, String canary, List<String> needles) {
        ConsoleAccounts accounts = new ConsoleAccounts(server);
        Person admin = accounts.setUpFirstAdmin("ada");
        ConsoleAccounts.logIn(admin);
        Person ivy = accounts.invite(admin, "INVESTIGATOR", "ivy");
        ConsoleAccounts.logIn(ivy);
        accounts.invite(admin, "INVESTIGATOR", "bob");
        Page ownKey = ivy.browser().get("/keys");
        String ivyKey = gpg.generateCurve25519("Ivy Investigator <ivy@example.org>");
        ivy.browser().post("/keys", Map.of("_csrf", ownKey.csrfToken(), "armored", gpg.exportArmored(ivyKey)));
        Page keys = admin.browser().get("/admin/keys");
        assertThat(admin.browser().post("/admin/keys/" + ivyKey + "/approve", Map.of("_csrf", keys.csrfToken(),
                "checked", "yes")).status()).isEqualTo(200);

        List<SourceVisit> visits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String message = "Seized-server test message " + i + " " + canary;
            String fileName = "board-minutes-" + i + "-" + canary + ".pdf";
            SourceVisit visit = SourceVisit.newSource(server).submit(message, List.of(
                    new TestBrowser.FilePart(fileName, () -> new CanaryContent(30_000, canary, 5))));
            visit.submit("Second visit " + i + " " + canary, List.of());
            needles.addAll(List.of(visit.codename(), message, fileName));
            visits.add(visit);
        }
        String sourceId = visits.get(0).source().id();
        Page page = ivy.browser().get("/sources/" + sourceId);
        String reply = "Seized-server reply text " + canary;
        needles.add(reply);
        ivy.browser().post("/sources/" + sourceId + "/reply", Map.of("_csrf", page.csrfToken(), "text", reply));
        ivy.browser().post("/sources/" + sourceId + "/labels", Map.of("_csrf", page.csrfToken(), "label",
                "needs-legal"));
        ivy.browser().post("/sources/" + sourceId + "/star", Map.of("_csrf", page.csrfToken(), "starred", "true"));
        ivy.browser().post("/sources/" + sourceId + "/status", Map.of("_csrf", page.csrfToken(), "status",
                "IN_REVIEW"));
        String unopened = visits.get(1).source().id();
        assertThat(ivy.browser().download("/sources/" + unopened + "/submissions/2/download").status())
                .isEqualTo(200);
        Page account = ivy.browser().get("/account");
        ivy.browser().post("/account/notifications", Map.of("_csrf", account.csrfToken(), "address",
                "ivy@example.org"));
        Page retention = admin.browser().get("/admin/retention");
        admin.browser().post("/admin/retention", Map.of("_csrf", retention.csrfToken(), "days", "90"));
        Page devices = admin.browser().get("/admin/devices");
        admin.browser().post("/admin/devices/add", Map.of("_csrf", devices.csrfToken(), "name", "ivy-laptop"));
        Page later = visits.get(0).logInAgain();
        assertThat(later.text()).contains(reply);
        return new Session(admin, unopened);
    }

    /**
     * A resumable upload left half done, as the server is taken: its partial file holds OpenPGP packets that
     * only the recipients can open, never the content or the file name, which is inside the encryption.
     */
    private static void uploadInProgress(PosternTestServer server, S3ProxyServer s3, String canary,
            List<String> needles) throws IOException {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page codenamePage = browser.get("/generate");
        needles.add(codenamePage.document().getElementById("codename").text());
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        TusClient tus = new TusClient(browser, TusClient.csrfOf(lookup));
        String fileName = "half-sent-" + canary + ".zip";
        needles.add(fileName);
        // With S3, more than one part, so that a multipart upload is open in the bucket as the server is taken.
        int sent = s3 == null ? 400_000 : 9_000_000;
        String url = tus.create(sent + 600_000, fileName).headers().firstValue("Location").orElseThrow();
        assertThat(tus.patch(url, 0, new CanaryContent(sent, canary, 9).readAllBytes()).statusCode())
                .isEqualTo(204);
        if (s3 != null) {
            assertThat(server.storeDir().resolve("incoming")).as("nothing of it on the Postern host")
                    .satisfiesAnyOf(dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
            // The first part goes out on a sender thread, which may still be on its way after the 204.
            try (var admin = s3.client()) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!firstPartStored(s3) && System.nanoTime() < deadline) {
                    Waits.sleep(100);
                }
                assertThat(firstPartStored(s3)).as("its first part, in the S3 server's storage").isTrue();
                assertThat(admin.listMultipartUploadsPaginator(b -> b.bucket(s3.bucket())).uploads())
                        .as("the upload in progress, in the bucket").hasSize(1);
            }
            bucketHoldsOnlyCiphertext(s3, needles);
            return;
        }
        List<Path> partial;
        try (Stream<Path> files = Files.list(server.storeDir().resolve("incoming"))) {
            partial = files.toList();
        }
        assertThat(partial).as("the upload in progress").hasSize(1);
        assertThat(Files.size(partial.get(0))).as("ciphertext written so far").isGreaterThan(100_000);
        byte[] head = Files.readAllBytes(partial.get(0));
        // A PKESK packet first, in either packet format.
        assertThat((head[0] & 0xff) == 0xc1 || ((head[0] & 0xc0) == 0x80 && ((head[0] >> 2) & 0x0f) == 1))
                .as("starts as OpenPGP ciphertext").isTrue();
        assertThat(PlaintextScanner.findAll(List.of(server.dataDir()), needles))
                .as("content or name of the upload in progress").isEmpty();
    }

    /** A whole part of a multipart upload among S3Proxy's files (it names them {@code .mpus-...}). */
    private static boolean firstPartStored(S3ProxyServer s3) throws IOException {
        for (Path f : s3.storedFiles()) {
            if (f.getFileName().toString().startsWith(".mpus-") && Files.size(f) >= 8 << 20) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the storage operator holds: objects named by random ids, each starting with a PKESK packet, and no
     * content or name in any file of the S3 server's storage (an open multipart upload's parts included, while
     * there is one).
     */
    private static void bucketHoldsOnlyCiphertext(S3ProxyServer s3, List<String> needles) throws IOException {
        try (var admin = s3.client()) {
            // S3Proxy lists its own multipart bookkeeping as objects too: named with a dot, or by an upload's id.
            java.util.Set<String> uploads = admin.listMultipartUploadsPaginator(b -> b.bucket(s3.bucket())).uploads()
                    .stream().map(u -> u.uploadId()).collect(java.util.stream.Collectors.toSet());
            List<String> keys = admin.listObjectsV2Paginator(b -> b.bucket(s3.bucket())).contents().stream()
                    .map(o -> o.key()).filter(k -> !k.startsWith(".") && uploads.stream().noneMatch(k::startsWith))
                    .toList();
            assertThat(keys).as("the bucket's objects").isNotEmpty().allMatch(k -> k.matches("[0-9a-f]{32}"));
            for (String key : keys) {
                byte[] head = admin.getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key).range("bytes=0-0"))
                        .asByteArray();
                assertThat((head[0] & 0xff) == 0xc1 || ((head[0] & 0xc0) == 0x80 && ((head[0] >> 2) & 0x0f) == 1))
                        .as("object %s starts as OpenPGP ciphertext", key).isTrue();
            }
        }
        assertThat(PlaintextScanner.findAll(List.of(s3.bucketDir()), needles))
                .as("content found in the S3 server's storage").isEmpty();
    }

    /** Every file and every column, as read from outside, each checked against its classification. */
    record SeizedData(List<String> unclassified, List<String> violations, Map<String, List<String>> columns,
            List<Path> blobs, Map<String, Integer> fileCounts) {

        static SeizedData read(Path dataDir, Path clients, String jdbcUrl) throws IOException, SQLException {
            List<String> unclassified = new ArrayList<>();
            List<String> violations = new ArrayList<>();
            List<Path> blobs = new ArrayList<>();
            Map<String, Integer> fileCounts = new TreeMap<>();
            for (Path root : List.of(dataDir, clients)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String relative = (root.equals(clients) ? "tor/authorized_clients/" : "")
                                + root.relativize(file).toString();
                        SeizedClassification.FileClass kind = SeizedClassification.fileClass(relative);
                        if (kind == null) {
                            unclassified.add("file " + relative);
                            continue;
                        }
                        fileCounts.merge(kind.name(), 1, Integer::sum);
                        String problem = kind.check(file);
                        if (problem != null) {
                            violations.add(relative + ": " + problem);
                        }
                        if (kind == SeizedClassification.FileClass.BLOB) {
                            blobs.add(file);
                        }
                    }
                }
            }
            Map<String, List<String>> columns = new TreeMap<>();
            String url = jdbcUrl.startsWith("jdbc:h2:")
                    ? "jdbc:h2:file:" + dataDir.resolve("db/postern").toAbsolutePath() + ";ACCESS_MODE_DATA=r"
                    : jdbcUrl;
            try (Connection c = DriverManager.getConnection(url, "postern", ""); Statement s = c.createStatement()) {
                Map<String, List<String>> tables = new TreeMap<>();
                // Every schema, so that a table created outside the default one cannot hide; its columns are then
                // named with their schema, and so are unclassified until someone justifies them.
                try (ResultSet r = s.executeQuery("select table_schema, table_name, column_name "
                        + "from information_schema.columns "
                        + "where upper(table_schema) not in ('INFORMATION_SCHEMA', 'PG_CATALOG') "
                        + "order by table_schema, table_name, ordinal_position")) {
                    while (r.next()) {
                        String table = (r.getString(1).equalsIgnoreCase("PUBLIC") ? "" : r.getString(1) + ".")
                                + r.getString(2);
                        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(r.getString(3));
                    }
                }
                for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                    String qualified = "\"" + table.getKey().replace(".", "\".\"") + "\"";
                    try (ResultSet r = s.executeQuery("select * from " + qualified)) {
                        while (r.next()) {
                            for (String column : table.getValue()) {
                                String key = (table.getKey() + "." + column).toLowerCase(Locale.ROOT);
                                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(text(r.getObject(column)));
                            }
                        }
                    }
                    for (String column : table.getValue()) {
                        columns.putIfAbsent((table.getKey() + "." + column).toLowerCase(Locale.ROOT),
                                new ArrayList<>());
                    }
                }
            }
            for (Map.Entry<String, List<String>> column : columns.entrySet()) {
                SeizedClassification.ColumnClass kind = SeizedClassification.columnClass(column.getKey());
                if (kind == null) {
                    unclassified.add("column " + column.getKey());
                    continue;
                }
                for (String value : column.getValue()) {
                    if (value != null && !kind.accepts(value)) {
                        violations.add(column.getKey() + " (" + kind + "): " + value);
                    }
                }
            }
            return new SeizedData(unclassified, violations, columns, blobs, fileCounts);
        }

        List<String> valuesContaining(List<String> needles) {
            List<String> found = new ArrayList<>();
            columns.forEach((column, values) -> values.stream().filter(v -> v != null).forEach(v -> {
                for (String needle : needles) {
                    // Binary values are hex here: look for the needle's bytes in hex too.
                    String hex = java.util.HexFormat.of().formatHex(needle.getBytes(StandardCharsets.UTF_8));
                    if (v.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)) || v.contains(hex)) {
                        found.add(column + " holds \"" + needle + "\"");
                    }
                }
            }));
            return found;
        }

        /** The same detector the whole-suite log scan uses. */
        List<String> addresses() {
            List<String> found = new ArrayList<>();
            columns.forEach((column, values) -> values.stream().filter(v -> v != null)
                    .forEach(v -> found.addAll(LeakScanIT.addressesIn(Path.of(column), v))));
            return found;
        }

        String summary() {
            Map<String, Integer> rows = new HashMap<>();
            columns.forEach((column, values) -> rows.merge(column.substring(0, column.indexOf('.')),
                    values.size(), Math::max));
            return "files " + fileCounts + "; rows per table " + new TreeMap<>(rows) + "; " + columns.size()
                    + " columns classified";
        }
    }

    /** A column value as text; binary values as lower-case hex, so that their classes can check their bytes. */
    static String text(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.sql.Blob blob) {
            return java.util.HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
        }
        return String.valueOf(value);
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
