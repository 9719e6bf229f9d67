package org.postern.testing;

import java.util.List;
import java.util.Map;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.SourceSecrets;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;

/**
 * A source on the source port, as a person with Tor Browser would be: a new codename, submissions through the
 * real upload form, and a later login to read replies.
 */
public final class SourceVisit {

    private final PosternTestServer server;
    private final String sourceUrl;
    private final TestBrowser browser;
    private final String codename;
    private Page lookup;
    private TusClient tus;

    private SourceVisit(PosternTestServer server, TestBrowser browser, String codename, Page lookup) {
        this.server = server;
        this.sourceUrl = browser.base();
        this.browser = browser;
        this.codename = codename;
        this.lookup = lookup;
    }

    /** A new source: generates a codename and creates the source with it; fails unless the lookup page comes. */
    public static SourceVisit newSource(PosternTestServer server) {
        return create(server, server.sourceUrl());
    }

    /**
     * As {@link #newSource(PosternTestServer)}, on the source side at {@code sourceUrl}: a {@link PosternProcess},
     * or a proxy in front of a server. {@link #source()} needs the in-process server, so it is not available.
     */
    public static SourceVisit newSourceAt(String sourceUrl) {
        return create(null, sourceUrl);
    }

    private static SourceVisit create(PosternTestServer server, String sourceUrl) {
        TestBrowser browser = new TestBrowser(sourceUrl);
        Page codenamePage = browser.get("/generate");
        String codename = codenamePage.document().getElementById("codename").text();
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        requireLookup("source creation", lookup);
        return new SourceVisit(server, browser, codename, lookup);
    }

    /**
     * A returning source: logs in with {@code codename} in a fresh browser at {@code sourceUrl} (after a restart,
     * say); fails unless the lookup page comes.
     */
    public static SourceVisit logInAt(String sourceUrl, String codename) {
        TestBrowser browser = new TestBrowser(sourceUrl);
        Page login = browser.get("/login");
        Page lookup = browser.post("/login", Map.of("_csrf", login.csrfToken(), "codename", codename));
        requireLookup("login", lookup);
        return new SourceVisit(null, browser, codename, lookup);
    }

    private static void requireLookup(String step, Page lookup) {
        if (lookup.status() != 200 || !lookup.path().startsWith("/lookup")) {
            throw new IllegalStateException(step + " failed: " + lookup.status() + " " + lookup.path());
        }
    }

    /** Sends a message and files through the upload form; fails unless the receipt page comes back. */
    public SourceVisit submit(String message, List<TestBrowser.FilePart> files) {
        Page receipt = browser.submit(lookup, message, files);
        if (receipt.status() != 200) {
            throw new IllegalStateException("submission failed: " + receipt.status() + " " + receipt.text());
        }
        lookup = browser.get("/lookup");
        return this;
    }

    /** The source's own browser, still logged in. */
    public TestBrowser browser() {
        return browser;
    }

    /** The lookup page last shown, with its upload form and CSRF token (after {@link #submit}, a fresh one). */
    public Page lookup() {
        return lookup;
    }

    /** The resumable-upload client the lookup page's script would be, with this visit's session and CSRF token. */
    public synchronized TusClient tus() {
        if (tus == null) {
            tus = new TusClient(browser, TusClient.csrfOf(lookup));
        }
        return tus;
    }

    public String codename() {
        return codename;
    }

    /** The source's row, found the way the server finds it: from the codename. */
    public Source source() {
        if (server == null) {
            throw new IllegalStateException("the source's row is read through an in-process server");
        }
        return sourceOf(server, codename);
    }

    /** The row of the source with {@code codename}, found the way the server finds it. */
    public static Source sourceOf(PosternTestServer server, String codename) {
        try (SourceSecrets secrets = server.bean(CodenameKdf.class).derive(Codename.parse(codename))) {
            return server.bean(SourceRepository.class).findByLookupId(secrets.lookupId()).orElseThrow();
        }
    }

    /**
     * A later visit in a fresh browser: logs in with the codename and returns the lookup page. On an in-process
     * server it goes to where the server listens now, which a restart changes.
     */
    public Page logInAgain() {
        TestBrowser later = new TestBrowser(server != null ? server.sourceUrl() : sourceUrl);
        Page login = later.get("/login");
        return later.post("/login", Map.of("_csrf", login.csrfToken(), "codename", codename));
    }
}
