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
    private final TestBrowser browser;
    private final String codename;
    private Page lookup;

    private SourceVisit(PosternTestServer server, TestBrowser browser, String codename, Page lookup) {
        this.server = server;
        this.browser = browser;
        this.codename = codename;
        this.lookup = lookup;
    }

    /** A new source: generates a codename and creates the source with it. */
    public static SourceVisit newSource(PosternTestServer server) {
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page codenamePage = browser.get("/generate");
        String codename = codenamePage.document().getElementById("codename").text();
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        if (lookup.status() != 200) {
            throw new IllegalStateException("source creation failed: " + lookup.status());
        }
        return new SourceVisit(server, browser, codename, lookup);
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

    public String codename() {
        return codename;
    }

    /** The source's row, found the way the server finds it: from the codename. */
    public Source source() {
        try (SourceSecrets secrets = server.bean(CodenameKdf.class).derive(Codename.parse(codename))) {
            return server.bean(SourceRepository.class).findByLookupId(secrets.lookupId()).orElseThrow();
        }
    }

    /** A later visit in a fresh browser: logs in with the codename and returns the lookup page. */
    public Page logInAgain() {
        TestBrowser later = new TestBrowser(server.sourceUrl());
        Page login = later.get("/login");
        return later.post("/login", Map.of("_csrf", login.csrfToken(), "codename", codename));
    }
}
