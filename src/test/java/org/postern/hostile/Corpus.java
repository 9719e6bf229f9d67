package org.postern.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.SourceSecrets;
import org.postern.intake.IntakeWebApplication;
import org.postern.review.ReviewWebApplication;
import org.postern.sources.SourceRepository;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one server every hostile case runs against, with a logged-in source and a logged-in admin, and the checks
 * that follow each case: the server still answers, nothing is left in store/incoming, the blob and row counts
 * moved exactly as declared, and the case's canary is nowhere it must not be.
 */
final class Corpus {

    static final Path LOG = Path.of("target/test-logs/postern-tests.log");
    /** 7 × 1931: what a template engine that evaluated an injected expression would print. */
    static final String EVALUATED = "13517";
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (java|org|jakarta|sun|com)\\.[\\w.$]+\\(|[A-Z]\\w*(Exception|Error)\\b|Apache Tomcat|Whitelabel"
                    + "|HTTP Status \\d|\\borg\\.(apache|springframework|postern)\\.");
    private static final String WRONG_ADDRESS = "<h1>Wrong address</h1>";
    private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{32}");
    static final String AUDIT_ENTRY = "audit_entry";
    static final String AUDIT_HEAD = "audit_head";
    private static final Pattern ACTION = Pattern.compile("(?:^|\u0001)ACTION=([^\u0001]*)", Pattern.CASE_INSENSITIVE);

    final PosternTestServer server;
    final GnuPG gpg;
    final TestBrowser sourceBrowser;
    final String sourceCookie;
    final String submitPath;
    /** The action of the form the first, ordinary submission went through: its one-time token is spent. */
    final String spentSubmitPath;
    final String sourceCsrf;
    final String staleSourceCsrf;
    final String loggedOutSourceCookie;
    final String codename;
    final Person admin;
    final String consoleCookie;
    final String consoleCsrf;
    final String staleConsoleCsrf;
    final String loggedOutConsoleCookie;
    final String targetSourceId;
    final String investigatorCookie;
    final String invitePath;
    final ConsoleAccounts accounts;
    private final JdbcTemplate jdbc;

    Corpus(PosternTestServer server, GnuPG gpg) {
        this.server = server;
        this.gpg = gpg;
        this.jdbc = new JdbcTemplate(server.bean(DataSource.class));

        sourceBrowser = new TestBrowser(server.sourceUrl());
        Page generated = sourceBrowser.get("/generate");
        codename = generated.document().getElementById("codename").text();
        Page lookup = sourceBrowser.post("/create", Map.of("_csrf", generated.csrfToken()));
        assertThat(lookup.status()).isEqualTo(200);
        spentSubmitPath = TestBrowser.uploadAction(lookup);
        assertThat(sourceBrowser.submit(lookup, "the first, ordinary submission", List.of()).status()).isEqualTo(200);
        lookup = sourceBrowser.get("/lookup");
        submitPath = lookup.document().selectFirst("form[enctype=multipart/form-data]").attr("action");
        sourceCsrf = lookup.csrfToken();
        sourceCookie = cookie(sourceBrowser, IntakeWebApplication.SESSION_COOKIE);
        TestBrowser other = new TestBrowser(server.sourceUrl());
        staleSourceCsrf = other.get("/generate").csrfToken();
        loggedOutSourceCookie = loggedOutSource();
        try (SourceSecrets secrets = server.bean(CodenameKdf.class).derive(Codename.parse(codename))) {
            targetSourceId = server.bean(SourceRepository.class).findByLookupId(secrets.lookupId()).orElseThrow().id();
        }

        accounts = new ConsoleAccounts(server);
        admin = accounts.setUpFirstAdmin("ada");
        assertThat(ConsoleAccounts.logIn(admin).path()).isEqualTo("/");
        consoleCsrf = admin.browser().get("/account").csrfToken();
        consoleCookie = cookie(admin.browser(), ReviewWebApplication.SESSION_COOKIE);
        staleConsoleCsrf = new TestBrowser(server.consoleUrl()).get("/login").csrfToken();
        Person eve = accounts.invite(admin, "INVESTIGATOR", "eve");
        assertThat(ConsoleAccounts.logIn(eve).path()).isEqualTo("/");
        loggedOutConsoleCookie = cookie(eve.browser(), ReviewWebApplication.SESSION_COOKIE);
        Page inbox = eve.browser().get("/");
        eve.browser().post("/logout", Map.of("_csrf", inbox.csrfToken()));
        Person ivan = accounts.invite(admin, "INVESTIGATOR", "ivan");
        assertThat(ConsoleAccounts.logIn(ivan).path()).isEqualTo("/");
        investigatorCookie = cookie(ivan.browser(), ReviewWebApplication.SESSION_COOKIE);
        Page invited = admin.browser().post("/admin/accounts/invite", Map.of("_csrf", consoleCsrf,
                "role", "INVESTIGATOR"));
        String link = invited.document().getElementById("link").text();
        invitePath = link.substring(link.indexOf("/invite/"));
    }

    private String loggedOutSource() {
        TestBrowser gone = new TestBrowser(server.sourceUrl());
        Page generated = gone.get("/generate");
        Page lookup = gone.post("/create", Map.of("_csrf", generated.csrfToken()));
        String cookie = cookie(gone, IntakeWebApplication.SESSION_COOKIE);
        gone.post("/logout", Map.of("_csrf", lookup.csrfToken()));
        return cookie;
    }

    private static String cookie(TestBrowser browser, String name) {
        HttpCookie c = browser.cookies().getCookieStore().getCookies().stream()
                .filter(k -> k.getName().equals(name)).findFirst().orElseThrow();
        return c.getName() + "=" + c.getValue();
    }

    int port(HostileCase.Side side) {
        return side == HostileCase.Side.SOURCE ? server.running().sourcePort() : server.running().consolePort();
    }

    RawHttp.Response send(HostileCase.Side side, Req req) {
        return RawHttp.exchange(port(side), req.head(), req.bodyBytes());
    }

    /** A freshly rendered upload form's action: each rendering carries its own one-time submission token. */
    String freshSubmitPath() {
        return sourcePage("/lookup").selectFirst("form[enctype=multipart/form-data]").attr("action");
    }

    /** The admin's view of a console page, fetched fresh. */
    Document consolePage(String path) {
        RawHttp.Response r = send(HostileCase.Side.CONSOLE, Req.get(path).cookie(consoleCookie));
        assertThat(r.status()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body());
    }

    Document sourcePage(String path) {
        RawHttp.Response r = send(HostileCase.Side.SOURCE, Req.get(path).cookie(sourceCookie));
        assertThat(r.status()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body());
    }

    /** The newest submission of the corpus's source, decrypted by the real gpg. */
    GnuPG.Decrypted latestSubmission() {
        String blob = jdbc.queryForObject("select blob_id from submission where source_id = ? order by seq desc "
                + "limit 1", String.class, targetSourceId);
        GnuPG.Decrypted d = gpg.decrypt(server.storeDir().resolve(blob));
        assertThat(d.integrityOk()).as(d.status()).isTrue();
        return d;
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** Every row of every table, as text, and the names of the published blobs. */
    record Snapshot(Map<String, List<String>> rows, java.util.SortedSet<String> blobs) {

        long count(String table) {
            return rows.getOrDefault(table, List.of()).size();
        }
    }

    Snapshot snapshot() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (Map<String, Object> t : jdbc.queryForList("select table_schema, table_name from information_schema.tables "
                + "where table_type = 'BASE TABLE' and lower(table_schema) not in ('information_schema', 'pg_catalog')")) {
            String table = ((String) t.get("TABLE_NAME")).toLowerCase(java.util.Locale.ROOT);
            List<String> all = jdbc.query("select * from \"" + t.get("TABLE_SCHEMA") + "\".\"" + t.get("TABLE_NAME")
                    + "\"", (rs, n) -> {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            row.append(rs.getMetaData().getColumnName(i)).append('=')
                                    .append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v).append('\u0001');
                        }
                        return row.toString();
                    });
            rows.put(table, all.stream().sorted().toList());
        }
        java.util.SortedSet<String> blobs = new java.util.TreeSet<>();
        storeFiles().forEach(p -> blobs.add(p.getFileName().toString()));
        return new Snapshot(rows, blobs);
    }

    List<Path> storeFiles() {
        try (Stream<Path> files = Files.list(server.storeDir())) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> incoming() {
        try (Stream<Path> files = Files.list(server.storeDir().resolve("incoming"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Postern's own page for that side, with no trace of the machinery behind it. */
    static void assertFriendly(HostileCase.Side side, RawHttp.Response r) {
        String marker = side == HostileCase.Side.SOURCE ? "/css/source.css" : "/console-css/console.css";
        // The Host guard's page for a stranger's address deliberately names nothing, not even a stylesheet.
        if (!r.body().contains(WRONG_ADDRESS)) {
            assertThat(r.body()).as("Postern's own page, status %d", r.status()).contains(marker);
        }
        assertThat(STACK_TRACE.matcher(r.body()).find()).as("no stack trace or class name in:%n%s", r.body())
                .isFalse();
    }

    static void assertNoStackTrace(RawHttp.Response r) {
        assertThat(STACK_TRACE.matcher(r.body()).find()).as("no stack trace or class name in:%n%s", r.body())
                .isFalse();
    }

    /** A hostile payload shown on a page is text: no element, attribute or evaluated expression came of it. */
    static void assertInert(Document page) {
        // Postern's own scripts (from its origin, under SRI) are the page's; anything else came from the payload.
        page.select("script[integrity][src^=/]").remove();
        assertThat(page.select("script, iframe, object, embed, img, [^on], a[href^=javascript]"))
                .as("injected elements or event handlers").isEmpty();
        assertThat(page.select("svg").stream().filter(svg -> svg.closest(".qr") == null)).as("injected svg").isEmpty();
        assertThat(page.text()).doesNotContain(EVALUATED);
    }

    /** As {@link #assertInert(Document)}, for a page that shows {@code payload}: it must not be there raw. */
    static void assertInert(Document page, String payload) {
        assertInert(page);
        assertThat(page.html().contains(payload) && payload.contains("<")).as("raw markup in the page").isFalse();
    }

    /**
     * Nothing changed but what the case declares: a table without a declared change holds exactly the rows it held
     * before (a digest of every row, not a count), a declared one keeps its old rows and gains the declared number,
     * and the audit log gains exactly the declared actions.
     */
    void assertNothingLeft(HostileCase c, Snapshot before) {
        assertThat(incoming()).as("store/incoming").isEmpty();
        Snapshot after = snapshot();
        HostileCase.Expect expect = c.expect();
        for (String table : after.rows().keySet()) {
            List<String> was = before.rows().getOrDefault(table, List.of());
            List<String> now = after.rows().get(table);
            if (expect.tolerated().contains(table)) {
                continue;
            }
            if (table.equals(AUDIT_ENTRY)) {
                List<String> added = new java.util.ArrayList<>(now);
                added.removeAll(was);
                assertThat(now).as("audit entries kept").containsAll(was);
                assertThat(added.stream().map(Corpus::auditAction).sorted().toList()).as("audit entries added")
                        .isEqualTo(expect.audited().stream().sorted().toList());
                continue;
            }
            if (table.equals(AUDIT_HEAD) && !expect.audited().isEmpty()) {
                continue;
            }
            long declared = expect.rowDelta().getOrDefault(table, 0L);
            if (expect.updated().contains(table)) {
                assertThat(now.size() - was.size()).as("rows added to %s", table).isEqualTo(declared);
            } else if (declared == 0) {
                assertThat(now).as("rows of %s (every value, not only the count)", table).isEqualTo(was);
            } else {
                assertThat(declared > 0 ? now : was).as("rows of %s kept", table).containsAll(declared > 0 ? was : now);
                assertThat(now.size() - was.size()).as("rows added to %s", table).isEqualTo(declared);
            }
        }
        java.util.Set<String> added = new java.util.TreeSet<>(after.blobs());
        added.removeAll(before.blobs());
        assertThat(after.blobs()).as("blobs kept").containsAll(before.blobs());
        assertThat(added).as("blobs added").hasSize((int) expect.blobDelta());
        assertThat(storeFiles()).allMatch(p -> BLOB_NAME.matcher(p.getFileName().toString()).matches(),
                "every blob has a generated name");
        List<Path> roots = c.expect().secrecy() == HostileCase.Secrecy.SECRET ? List.of(server.dataDir(), LOG)
                : List.of(LOG);
        assertThat(PlaintextScanner.findAll(roots, List.of(c.canary()))).as("the canary on disk").isEmpty();
    }

    private static String auditAction(String row) {
        java.util.regex.Matcher m = ACTION.matcher(row);
        assertThat(m.find()).as("an audit row names its action: %s", row).isTrue();
        return m.group(1);
    }

    /** Both ports answer, and the sessions the corpus started with still work. */
    void assertStillUp() {
        assertThat(send(HostileCase.Side.CONSOLE, Req.get("/account").cookie(consoleCookie)).status())
                .as("the admin's session survives").isEqualTo(200);
        assertThat(send(HostileCase.Side.SOURCE, Req.get("/lookup").cookie(sourceCookie)).status())
                .as("the source's session survives").isEqualTo(200);
    }
}
