package org.postern.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.hostile.HostileCase.Expect.accepted;
import static org.postern.hostile.HostileCase.Expect.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jsoup.Jsoup;
import org.postern.hostile.HostileCase.Expect;
import org.postern.hostile.HostileCase.Side;
import org.postern.testing.GnuPG;

/** Hostile input on the source port: the upload form, file names, message text, codenames, CSRF and sessions. */
final class SourceCases {

    private static final String CASE = HostileCase.CANARY_HEADER;

    private final List<HostileCase> cases = new ArrayList<>();

    static List<HostileCase> all() {
        SourceCases s = new SourceCases();
        s.multipart();
        s.fileNames();
        s.messages();
        s.codenames();
        s.formsAndSessions();
        s.submissionTokens();
        return s.cases;
    }

    private void add(String category, String name, BiFunction<Corpus, String, Req> request, Expect expect) {
        String canary = HostileCase.newCanary();
        cases.add(new HostileCase(category, name, Side.SOURCE, canary, c -> request.apply(c, canary), expect));
    }

    private static Req upload(Corpus c, Multipart body) {
        return Req.post(c.freshSubmitPath()).cookie(c.sourceCookie).multipart(body);
    }

    private static Req upload(Corpus c, String contentType, byte[] body) {
        return Req.post(c.freshSubmitPath()).cookie(c.sourceCookie).body(contentType, body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An accepted submission of {@code parts} parts: exactly that many rows and blobs, all ciphertext, answered
     * with See Other so that a reload never sends it again.
     */
    private static Expect kept(int parts) {
        // The corpus has one recipient key, so each part records one key it was encrypted to.
        return accepted(303).updating("source").rows("submission", parts).rows("submission_key", parts).blobs(parts).then((c, r) ->
                assertThat(r.header("Location")).endsWith("/lookup"));
    }

    // ---- malformed, truncated and boundary-less multipart; thousands of parts; empty submissions ----

    private void multipart() {
        String cat = "multipart";
        String b = "HostileBoundary7MA4YWxkTrZu0gW";
        add(cat, "no boundary parameter", (c, k) -> upload(c, "multipart/form-data",
                Multipart.create().field("message", k).end().bytes()), refused(400));
        add(cat, "empty boundary parameter", (c, k) -> upload(c, "multipart/form-data; boundary=",
                Multipart.create().field("message", k).end().bytes()), refused(400));
        add(cat, "body uses another boundary", (c, k) -> upload(c, "multipart/form-data; boundary=Other",
                Multipart.create().field("message", k).end().bytes()), refused(400));
        add(cat, "no closing boundary", (c, k) -> upload(c, Multipart.create().field("message", k)),
                refused(400));
        add(cat, "truncated inside part headers", (c, k) -> upload(c, Multipart.create()
                .raw("--" + b + "\r\nContent-Disposition: form-data; name=\"mess")).header(CASE, k), refused(400));
        add(cat, "truncated inside a file", (c, k) -> upload(c, Multipart.create()
                .raw("--" + b + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
                        + k + " half a file")), refused(400));
        add(cat, "empty body", (c, k) -> upload(c, "multipart/form-data; boundary=" + b, new byte[0]).header(CASE, k),
                refused(400));
        add(cat, "closing boundary only", (c, k) -> upload(c, Multipart.create().end()).header(CASE, k), refused(400));
        add(cat, "garbage instead of parts", (c, k) -> upload(c, "multipart/form-data; boundary=" + b,
                utf8("this is not multipart at all " + k)), refused(400));
        add(cat, "part without Content-Disposition", (c, k) -> upload(c, Multipart.create()
                .raw("--" + b + "\r\nContent-Type: text/plain\r\n\r\n" + k + "\r\n").end()), refused(400));
        add(cat, "Content-Disposition without a name", (c, k) -> upload(c, Multipart.create()
                .raw("--" + b + "\r\nContent-Disposition: form-data\r\n\r\n" + k + "\r\n").end()), refused(400));
        add(cat, "part header without a colon", (c, k) -> upload(c, Multipart.create()
                .raw("--" + b + "\r\nContent-Disposition form-data name=message\r\n\r\n" + k + "\r\n").end()),
                refused(400));
        // RFC 2046 allows 1 to 70 characters; every browser stays well inside that.
        add(cat, "boundary of 70 characters", (c, k) -> {
            Multipart m = new Multipart("x".repeat(70));
            return upload(c, m.field("message", k).end());
        }, kept(1));
        add(cat, "boundary of 71 characters", (c, k) -> {
            Multipart m = new Multipart("x".repeat(71));
            return upload(c, m.field("message", k).end());
        }, refused(400));
        add(cat, "boundary of 5,000 characters", (c, k) -> {
            Multipart m = new Multipart("x".repeat(5000));
            return upload(c, m.field("message", k).end());
        }, refused(400));
        // Read leniently, as Jetty's RFC7578 mode does: a bare LF ends a line, and the message arrives intact.
        add(cat, "bare LF line endings", (c, k) -> upload(c, "multipart/form-data; boundary=" + b, utf8(
                "--" + b + "\nContent-Disposition: form-data; name=\"message\"\n\n" + k + "\n--" + b + "--\n")),
                kept(1).then((c, r) -> assertThat(c.latestSubmission().text()).matches("QZX[0-9a-f]+")));
        add(cat, "part headers of 100 KB", (c, k) -> upload(c, Multipart.create().raw("--" + b
                + "\r\nContent-Disposition: form-data; name=\"message\"\r\nX-Pad: " + "p".repeat(100_000)
                + "\r\n\r\n" + k + "\r\n").end()), refused());
        add(cat, "2,000 empty form fields", (c, k) -> {
            Multipart m = Multipart.create().field("message", k);
            for (int i = 0; i < 2000; i++) {
                m.field("f" + i, "");
            }
            return upload(c, m.end());
        }, refused());
        add(cat, "5,000 empty file parts", (c, k) -> {
            Multipart m = Multipart.create().field("message", k);
            for (int i = 0; i < 5000; i++) {
                m.file("", "");
            }
            return upload(c, m.end());
        }, refused());
        add(cat, "101 files, one over the limit", (c, k) -> {
            Multipart m = Multipart.create();
            for (int i = 0; i < 101; i++) {
                m.file("f" + i + ".txt", k + i);
            }
            return upload(c, m.end());
        }, refused(400));
        add(cat, "one 4 KiB + 1 extra field", (c, k) -> upload(c, Multipart.create().field("message", k)
                .field("extra", "e".repeat(4097)).end()), refused(400));
        add(cat, "message one byte over the limit", (c, k) -> upload(c, Multipart.create()
                .field("message", k + "m".repeat(64 * 1024 - k.length() + 1)).end()), refused(413));
        add(cat, "declared length far over the upload limit", (c, k) -> Req.post(c.freshSubmitPath())
                .cookie(c.sourceCookie).header("Content-Type", "multipart/form-data; boundary=" + b)
                .header("Content-Length", "5000000000").noContentLength()
                .body(null, Multipart.create().field("message", k).end().bytes()), refused(413));
        add(cat, "file over the upload limit", (c, k) -> upload(c, Multipart.create()
                .file(k + ".bin", k + "x".repeat(1100 * 1024)).end()), refused(413));
        add(cat, "chunked body over the upload limit", (c, k) -> {
            byte[] body = Multipart.create().file(k + ".bin", k + "y".repeat(1100 * 1024)).end().bytes();
            return Req.post(c.freshSubmitPath()).cookie(c.sourceCookie).header("Transfer-Encoding", "chunked")
                    .header("Content-Type", "multipart/form-data; boundary=" + b)
                    .body(null, Req.concat(utf8(Integer.toHexString(body.length) + "\r\n"), body,
                            utf8("\r\n0\r\n\r\n"))).noContentLength();
        }, refused(413));
        add(cat, "malformed chunk sizes", (c, k) -> Req.post(c.freshSubmitPath()).cookie(c.sourceCookie)
                .header("Transfer-Encoding", "chunked").header("Content-Type", "multipart/form-data; boundary=" + b)
                .body(null, utf8("zz\r\n--" + b + "\r\n" + k + "\r\n0\r\n\r\n")).noContentLength(), refused(400));
        add(cat, "Content-Length shorter than the body", (c, k) -> {
            byte[] body = Multipart.create().field("message", k + " lying length").end().bytes();
            return Req.post(c.freshSubmitPath()).cookie(c.sourceCookie)
                    .header("Content-Type", "multipart/form-data; boundary=" + b)
                    .header("Content-Length", String.valueOf(body.length / 2)).noContentLength().body(null, body);
        }, refused(400));
        add(cat, "empty submission: blank message, empty file input", (c, k) -> upload(c, Multipart.create()
                .field("message", "").file("", "").end()).header(CASE, k), refused(400));
        add(cat, "whitespace-only message", (c, k) -> upload(c, Multipart.create()
                .field("message", " \r\n\t  \u3000 ").end()).header(CASE, k), refused(400));
        // The blank check runs on the message's bytes, without making a String of them: it must agree with
        // String.isBlank on every white space Java knows, and on the spaces it does not count as blank.
        add(cat, "message of every Unicode white space", (c, k) -> upload(c, Multipart.create().field("message",
                "\u000b\u000c\u001c\u001d\u001e\u001f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        + "\u2008\u2009\u200a\u2028\u2029\u205f\u3000").end()).header(CASE, k), refused(400));
        add(cat, "message of no-break and zero-width spaces only", (c, k) -> upload(c, Multipart.create()
                .field("message", "\u00a0\u2007\u202f\u200b\ufeff").end()).header(CASE, k), kept(1));
        add(cat, "chunked white space message of 60 KB", (c, k) -> {
            byte[] body = Multipart.create().field("message", "\u3000".repeat(20_000)).end().bytes();
            Multipart m = Multipart.create();
            byte[] chunked = new java.io.ByteArrayOutputStream() {
                {
                    for (int at = 0; at < body.length; at += 4096) {
                        int n = Math.min(4096, body.length - at);
                        writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
                        write(body, at, n);
                        writeBytes(utf8("\r\n"));
                    }
                    writeBytes(utf8("0\r\n\r\n"));
                }
            }.toByteArray();
            return Req.post(c.freshSubmitPath()).cookie(c.sourceCookie).header("Transfer-Encoding", "chunked")
                    .noContentLength().header(CASE, k).body("multipart/form-data; boundary=" + m.boundary(), chunked);
        }, refused(400));
        add(cat, "no parts but an unknown field", (c, k) -> upload(c, Multipart.create()
                .field("other", k).end()), refused(400));
        add(cat, "multipart/mixed instead of form-data", (c, k) -> upload(c, "multipart/mixed; boundary=" + b,
                Multipart.create().field("message", k).end().bytes()), refused(400));
        add(cat, "quoted boundary with spaces", (c, k) -> {
            Multipart m = new Multipart("a b\"c");
            return upload(c, "multipart/form-data; boundary=\"a b\\\"c\"", m.field("message", k).end().bytes());
        }, refused(400));
        add(cat, "not multipart: urlencoded", (c, k) -> Req.post(c.freshSubmitPath()).cookie(c.sourceCookie)
                .form(Map.of("message", k)), refused(400));
        add(cat, "not multipart: JSON", (c, k) -> upload(c, "application/json",
                utf8("{\"message\":\"" + k + "\"}")), refused(400));
        add(cat, "not multipart: text/plain", (c, k) -> upload(c, "text/plain", utf8(k)), refused(400));
        add(cat, "no Content-Type at all", (c, k) -> upload(c, null, utf8(k)), refused(400));
        // Legitimate, if odd: two message fields are two messages.
        add(cat, "two message fields", (c, k) -> upload(c, Multipart.create().field("message", k + " one")
                .field("message", k + " two").end()), kept(2));
        add(cat, "message exactly at the 64 KiB limit", (c, k) -> upload(c, Multipart.create()
                .field("message", k + "m".repeat(64 * 1024 - k.length())).end()), kept(1));
    }

    // ---- file names: traversal, NUL, RTL override, control characters, over 1,000 characters ----

    private void fileNames() {
        String cat = "file name";
        Map<String, Function<String, String>> names = new java.util.LinkedHashMap<>();
        names.put("../ traversal", k -> "../../../../etc/" + k + ".txt");
        names.put("..\\ traversal", k -> "..\\..\\..\\windows\\system32\\" + k + ".dll");
        names.put("absolute path", k -> "/etc/cron.d/" + k);
        names.put("drive letter", k -> "C:\\Users\\Public\\" + k + ".exe");
        names.put("percent-encoded traversal", k -> "%2e%2e%2f%2e%2e%2f" + k);
        names.put("doubled-dot traversal", k -> "....//....//" + k);
        names.put("RTL override", k -> "\u202Efdp." + k + ".exe");
        names.put("zero-width and isolates", k -> k + "\u200B\u200D\u2066x\u2069.txt");
        names.put("tab", k -> k + "\ttab.txt");
        names.put("C1 controls", k -> k + "\u0085\u009b.txt");
        names.put("1,001 characters", k -> k + "a".repeat(1001 - k.length() - 4) + ".txt");
        names.put("10,000 characters", k -> k + "b".repeat(10_000));
        names.put("emoji and combining marks", k -> k + "😀👍🏽 é e\u0301 .txt");
        names.put("script tag", k -> "<script>alert(1)</script>" + k + ".html");
        names.put("template expressions", k -> "${7*1931}[[${7*1931}]]__${7*1931}__" + k);
        names.put("Windows device name", k -> "CON");
        names.put("single dot", k -> ".");
        names.put("double dot", k -> "..");
        names.put("spaces only", k -> "   ");
        names.put("encoded quote", k -> k + "%22quoted%22.txt");
        names.put("trailing dots and spaces", k -> k + ".txt. . .");
        for (var e : names.entrySet()) {
            add(cat, e.getKey(), (c, k) -> upload(c, Multipart.create().file(e.getValue().apply(k), "content " + k)
                    .end()), kept(1).then(SourceCases::safeLiteralName));
        }
        // Raw control bytes make the part's header malformed (RFC 9110): browsers escape CR, LF and quotes, and
        // the source is asked to rename a file whose name has any other.
        Map<String, Function<String, String>> controls = new java.util.LinkedHashMap<>();
        controls.put("NUL inside", k -> k + "\u0000.pdf.exe");
        controls.put("C0 controls and ANSI escape", k -> k + "\u0001\u0007\u001b[31mred.txt");
        controls.put("DEL", k -> k + "\u007fdel.txt");
        for (var e : controls.entrySet()) {
            add(cat, e.getKey(), (c, k) -> upload(c, Multipart.create().file(e.getValue().apply(k), "content " + k)
                    .end()), refused(400).then(SourceCases::asksToRename));
        }
        add(cat, "empty name with content", (c, k) -> upload(c, Multipart.create().file("", "content " + k).end()),
                kept(1).then(SourceCases::safeLiteralName));
        add(cat, "invalid UTF-8 bytes", (c, k) -> upload(c, Multipart.create().file(Req.concat(utf8(k),
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xC0, (byte) 0xAF}), utf8("content " + k)).end()),
                kept(1).then(SourceCases::safeLiteralName));
        add(cat, "Latin-1 bytes", (c, k) -> upload(c, Multipart.create().file(Req.concat(utf8(k),
                "café".getBytes(StandardCharsets.ISO_8859_1)), utf8("content " + k)).end()),
                kept(1).then(SourceCases::safeLiteralName));
        add(cat, "RFC 5987 filename*", (c, k) -> upload(c, Multipart.create().raw("--HostileBoundary7MA4YWxkTrZu0gW"
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename*=UTF-8''..%2F..%2F" + k
                + "\r\n\r\ncontent " + k + "\r\n").end()), kept(1).then(SourceCases::safeLiteralName));
        add(cat, "CR LF inside the name", (c, k) -> upload(c, Multipart.create().file(
                utf8(k + "\r\nContent-Type: text/html\r\n\r\n<b>"), utf8("content " + k)).end()), refused(400));
        add(cat, "name of 100 KB", (c, k) -> upload(c, Multipart.create().file(k + "n".repeat(100_000),
                "content " + k).end()), refused());
    }

    /** Whatever the name was, what gpg would write is a plain file name: no directory, control or bidi character. */
    private static void safeLiteralName(Corpus c, RawHttp.Response r) {
        GnuPG.Decrypted d = c.latestSubmission();
        assertThat(d.text()).contains("content QZX");
        String name = d.fileName();
        assertThat(name).doesNotContain("/", "\\");
        assertThat(name.codePoints()).noneMatch(cp -> Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(name).isNotIn(".", "..");
    }

    private static void asksToRename(Corpus c, RawHttp.Response r) {
        assertThat(r.body()).contains("rename the file");
    }

    // ---- message text: markup, script, templates, non-UTF-8 ----

    private void messages() {
        String cat = "message text";
        for (Payloads.Payload p : Payloads.injections("CANARY")) {
            add(cat, p.name(), (c, k) -> upload(c, Multipart.create().field("message", p.text().replace("CANARY", k))
                    .end()), kept(1).then((c, r) -> {
                        assertThat(Jsoup.parse(r.body()).text()).doesNotContain(Corpus.EVALUATED);
                        assertThat(c.latestSubmission().text()).as("kept exactly, as ciphertext")
                                .contains("QZX").isEqualTo(exactMessage(c, p));
                    }));
        }
        byte[][] raw = {
            "Latin-1: caf\u00e9 na\u00efve".getBytes(StandardCharsets.ISO_8859_1),
            {(byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xED, (byte) 0xB0, (byte) 0x80},
            {(byte) 0xFE, (byte) 0xFF, 0, 'h', 0, 'i'},
            {0, 0, 0, 0, 'n', 'u', 'l'},
        };
        String[] rawNames = {"Latin-1", "overlong UTF-8", "CESU-8 surrogates", "UTF-16 with BOM", "NUL bytes"};
        for (int i = 0; i < raw.length; i++) {
            byte[] bytes = raw[i];
            add(cat, "non-UTF-8: " + rawNames[i], (c, k) -> upload(c, Multipart.create()
                    .field("message", Req.concat(utf8(k + " "), bytes)).end()),
                    kept(1).then((c, r) -> assertThat(c.latestSubmission().plaintext()).as("the bytes as sent")
                            .endsWith(bytes)));
        }
        add(cat, "RTL override and controls", (c, k) -> upload(c, Multipart.create()
                .field("message", "\u202E" + k + "\u0007\u001b[2J").end()), kept(1));
    }

    private static String exactMessage(Corpus c, Payloads.Payload p) {
        String text = c.latestSubmission().text();
        String canary = text.substring(text.indexOf("QZX"), text.indexOf("QZX") + 15);
        return p.text().replace("CANARY", canary);
    }

    // ---- codenames: payloads, 100 KB, non-UTF-8 ----

    private void codenames() {
        String cat = "codename";
        for (Payloads.Payload p : Payloads.injections("CANARY")) {
            add(cat, p.name(), (c, k) -> login(c, p.text().replace("CANARY", k)), codenameRefused());
        }
        add(cat, "100 KB", (c, k) -> login(c, k + " word".repeat(20_000)), codenameRefused());
        add(cat, "1 MB", (c, k) -> login(c, k + "x".repeat(1 << 20)), codenameRefused());
        add(cat, "empty", (c, k) -> login(c, "").header(CASE, k), codenameRefused());
        add(cat, "missing field", (c, k) -> Req.post("/login").cookie(c.sourceCookie)
                .form(Map.of("_csrf", c.sourceCsrf)).header(CASE, k), codenameRefused());
        add(cat, "seven wrong words", (c, k) -> login(c, "abacus abdomen abdominal abide abiding ability ablaze").header(CASE, k),
                codenameRefused());
        add(cat, "eight words with the canary", (c, k) -> login(c, "abacus abdomen abdominal abide abiding ability "
                + "ablaze " + k.toLowerCase(java.util.Locale.ROOT)), codenameRefused());
        // Not a codename the server could have made: refused before any Argon2id run or guessing budget.
        add(cat, "six words from the list", (c, k) -> login(c, "abacus abdomen abdominal abide abiding ability").header(CASE, k),
                codenameRefused());
        add(cat, "seven words, one not on the list", (c, k) -> login(c, "abacus abdomen abdominal abide abiding "
                + "ability " + k.toLowerCase(java.util.Locale.ROOT)), codenameRefused());
        add(cat, "control and bidi characters", (c, k) -> login(c, "\u202E" + k + "\u0000\u0007"), codenameRefused());
        add(cat, "non-UTF-8 percent-encoding", (c, k) -> Req.post("/login").cookie(c.sourceCookie)
                .body("application/x-www-form-urlencoded", utf8("_csrf=" + Req.enc(c.sourceCsrf) + "&codename="
                        + k + "%FF%FE%C0%AF")), refused(400));
        add(cat, "the codename twice", (c, k) -> Req.post("/login").cookie(c.sourceCookie)
                .body("application/x-www-form-urlencoded", utf8("_csrf=" + Req.enc(c.sourceCsrf) + "&codename="
                        + k + "&codename=" + Req.enc(c.codename))), codenameRefused());
    }

    private static Req login(Corpus c, String codename) {
        return Req.post("/login").cookie(c.sourceCookie).form(Map.of("_csrf", c.sourceCsrf, "codename", codename));
    }

    /** The login page again, with the one generic error, and nothing of the input echoed. */
    private static Expect codenameRefused() {
        return refused(401).then((c, r) -> {
            var page = Jsoup.parse(r.body());
            assertThat(page.text()).contains("That codename was not recognised");
            assertThat(r.body()).doesNotContain("QZX");
        });
    }

    // ---- CSRF, methods, content types, forged and expired sessions ----

    private void formsAndSessions() {
        String cat = "source CSRF and session";
        add(cat, "create without a CSRF token", (c, k) -> Req.post("/create").form(Map.of("x", k)), refused(403));
        add(cat, "create with a token from another session", (c, k) -> Req.post("/create").cookie(c.sourceCookie)
                .form(Map.of("_csrf", c.staleSourceCsrf, "x", k)), refused(403));
        add(cat, "submit without a CSRF token", (c, k) -> Req.post("/submit").cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "submit with the token only inside the multipart body", (c, k) -> Req.post("/submit")
                .cookie(c.sourceCookie).multipart(Multipart.create().field("_csrf", c.sourceCsrf)
                        .field("message", k).end()), refused(403));
        add(cat, "submit with a stale token", (c, k) -> Req.post("/submit?_csrf=" + Req.enc(c.staleSourceCsrf))
                .cookie(c.sourceCookie).multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "submit with a tampered token", (c, k) -> Req.post("/submit?_csrf=" + k + "AAAA")
                .cookie(c.sourceCookie).multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "login without a CSRF token", (c, k) -> Req.post("/login").form(Map.of("codename", k)),
                refused(403));
        add(cat, "logout without a CSRF token", (c, k) -> Req.post("/logout").cookie(c.sourceCookie)
                .form(Map.of("x", k)), refused(403));
        add(cat, "GET /submit", (c, k) -> Req.get("/submit?x=" + k).cookie(c.sourceCookie), refused(405));
        add(cat, "PUT /submit", (c, k) -> Req.method("PUT", c.submitPath).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), refused());
        add(cat, "DELETE /lookup", (c, k) -> Req.method("DELETE", "/lookup?x=" + k).cookie(c.sourceCookie),
                refused());
        add(cat, "PATCH /create", (c, k) -> Req.method("PATCH", "/create").cookie(c.sourceCookie)
                .form(Map.of("_csrf", c.sourceCsrf, "x", k)), refused());
        add(cat, "POST /lookup", (c, k) -> Req.post("/lookup").cookie(c.sourceCookie)
                .form(Map.of("_csrf", c.sourceCsrf, "x", k)), refused(405));
        add(cat, "forged session cookie on /lookup", (c, k) -> Req.get("/lookup")
                .cookie("postern_source=" + k + "0123456789ABCDEF"), redirectToLogin());
        add(cat, "forged session cookie on /submit", (c, k) -> Req.post(c.submitPath)
                .cookie("postern_source=" + k + "0123456789ABCDEF")
                .multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "logged-out session on /lookup", (c, k) -> Req.get("/lookup?x=" + k).cookie(c.loggedOutSourceCookie),
                redirectToLogin());
        add(cat, "logged-out session on /submit", (c, k) -> Req.post(c.submitPath).cookie(c.loggedOutSourceCookie)
                .multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "no session on /submit", (c, k) -> Req.post(c.submitPath)
                .multipart(Multipart.create().field("message", k).end()), refused(403));
        add(cat, "session id in the URL", (c, k) -> Req.get("/lookup;jsessionid=" + k), refused(400));
        add(cat, "cookie header of 100 KB", (c, k) -> Req.get("/lookup").cookie(c.sourceCookie + "; pad="
                + k + "c".repeat(100_000)), refused());
    }

    // ---- one-time submission tokens: replayed, missing, forged ----

    private void submissionTokens() {
        String cat = "submission tokens";
        add(cat, "a spent token replayed", (c, k) -> Req.post(c.spentSubmitPath).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), refused(409).then((c, r) ->
                        assertThat(Jsoup.parse(r.body()).text()).contains("already arrived")));
        add(cat, "a spent token first, a fresh one second", (c, k) -> Req.post(c.spentSubmitPath + "&token="
                + Req.enc(tokenOf(c.freshSubmitPath()))).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), refused(409));
        add(cat, "no token", (c, k) -> Req.post(withoutToken(c.freshSubmitPath())).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), staleForm());
        add(cat, "an empty token", (c, k) -> Req.post(withoutToken(c.freshSubmitPath()) + "&token=")
                .cookie(c.sourceCookie).multipart(Multipart.create().field("message", k).end()), staleForm());
        add(cat, "a token never issued", (c, k) -> Req.post(withoutToken(c.freshSubmitPath()) + "&token="
                + "0123456789abcdef".repeat(2)).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), staleForm());
        add(cat, "a token of 4 KB", (c, k) -> Req.post(withoutToken(c.freshSubmitPath()) + "&token=" + k
                + "a".repeat(4_000)).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), staleForm());
        add(cat, "markup as the token", (c, k) -> Req.post(withoutToken(c.freshSubmitPath()) + "&token="
                + Req.enc("<script>" + k + "</script>")).cookie(c.sourceCookie)
                .multipart(Multipart.create().field("message", k).end()), staleForm().then((c, r) -> {
                    assertThat(Jsoup.parse(r.body()).text()).contains("out of date");
                    Corpus.assertInert(Jsoup.parse(r.body()));
                }));
        add(cat, "a fresh token with the upper-cased value", (c, k) -> {
            String path = c.freshSubmitPath();
            return Req.post(path.replace(tokenOf(path), tokenOf(path).toUpperCase(java.util.Locale.ROOT)))
                    .cookie(c.sourceCookie).multipart(Multipart.create().field("message", k).end());
        }, staleForm());
        add(cat, "a token in the multipart body only", (c, k) -> {
            String path = c.freshSubmitPath();
            return Req.post(withoutToken(path)).cookie(c.sourceCookie).multipart(Multipart.create()
                    .field("token", tokenOf(path)).field("message", k).end());
        }, staleForm());
    }

    private static String tokenOf(String submitPath) {
        return submitPath.substring(submitPath.indexOf("&token=") + "&token=".length());
    }

    private static String withoutToken(String submitPath) {
        return submitPath.substring(0, submitPath.indexOf("&token="));
    }

    /** A form whose token the server does not know: refused, nothing kept, and the source told what to do. */
    private static Expect staleForm() {
        return refused(400).then((c, r) -> assertThat(Jsoup.parse(r.body()).text()).contains("out of date"));
    }

    /** Not a 4xx: the ordinary answer to a page that needs a session is the login page, which is friendly. */
    static Expect redirectToLogin() {
        return new Expect(302, 302, Map.of(), 0, java.util.Set.of(), java.util.Set.of(), List.of(), HostileCase.Secrecy.SECRET, (c, r) ->
                assertThat(r.header("Location")).endsWith("/login"));
    }
}
