package org.postern.hostile;

import static org.postern.hostile.HostileCase.Expect.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import org.postern.hostile.HostileCase.Expect;
import org.postern.hostile.HostileCase.Side;

/**
 * Hostile input to the resumable upload protocol at /uploads: lengths, metadata, versions, offsets, content
 * types, upload ids and missing session or CSRF header. None of them may start an upload or leave a partial file.
 */
final class TusCases {

    static final String CATEGORY = "tus";
    private final List<HostileCase> cases = new ArrayList<>();

    static List<HostileCase> all() {
        TusCases t = new TusCases();
        t.creation();
        t.pieces();
        return t.cases;
    }

    private void add(String name, BiFunction<Corpus, String, Req> request, Expect expect) {
        String canary = HostileCase.newCanary();
        cases.add(new HostileCase(CATEGORY, name, Side.SOURCE, canary, c -> request.apply(c, canary), expect));
    }

    private static Req tus(Corpus c, String method, String target) {
        return Req.method(method, target).cookie(c.sourceCookie).header("Tus-Resumable", "1.0.0")
                .header("X-CSRF-TOKEN", c.sourceCsrf);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void creation() {
        for (String length : List.of("-1", "abc", "1e9", "0x10", "+10", "99999999999999999999", "", "10 10")) {
            add("Upload-Length '" + length + "'", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length",
                    length).header("Upload-Metadata", "filename " + b64(k)), refused(400));
        }
        add("no Upload-Length", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Metadata", "filename " + b64(k)),
                refused(400));
        add("deferred length", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Defer-Length", "1")
                .header("Upload-Metadata", "filename " + b64(k)), refused(400));
        add("length over the limit", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length",
                Long.toString(Long.MAX_VALUE)).header("Upload-Metadata", "filename " + b64(k)), refused(413));
        // The corpus allows 1 TB files, so that these pass the per-file limit and meet the daily quota (50 GiB).
        add("length one byte over the daily quota", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length",
                Long.toString((50L << 30) + 1)).header("Upload-Metadata", "filename " + b64(k)), refused(429));
        add("length of 1 TB, within the file limit", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length",
                Long.toString(1L << 40)).header("Upload-Metadata", "filename " + b64(k)), refused(429));
        add("metadata not base64", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + k + "!*"), refused(400));
        add("metadata of 10 KB", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k + "x".repeat(10_000))), refused(400));
        add("metadata with three words", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k) + " extra"), refused(400));
        add("metadata with an empty pair", (c, k) -> tus(c, "POST", "/uploads").header("Upload-Length", "10")
                .header("Upload-Metadata", ",filename " + b64(k)), refused(400));
        for (String version : List.of("0.2.2", "1.0", "2.0.0", "1.0.0.0")) {
            add("Tus-Resumable '" + version + "'", (c, k) -> Req.post("/uploads").cookie(c.sourceCookie)
                    .header("Tus-Resumable", version).header("X-CSRF-TOKEN", c.sourceCsrf)
                    .header("Upload-Length", "10").header("Upload-Metadata", "filename " + b64(k)), refused(412));
        }
        add("no Tus-Resumable", (c, k) -> Req.post("/uploads").cookie(c.sourceCookie)
                .header("X-CSRF-TOKEN", c.sourceCsrf).header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k)), refused(412));
        add("no CSRF header", (c, k) -> Req.post("/uploads").cookie(c.sourceCookie).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10").header("Upload-Metadata", "filename " + b64(k)), refused(403));
        add("a wrong CSRF header", (c, k) -> Req.post("/uploads").cookie(c.sourceCookie)
                .header("Tus-Resumable", "1.0.0").header("X-CSRF-TOKEN", k).header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k)), refused(403));
        add("a stale CSRF header", (c, k) -> Req.post("/uploads").cookie(c.sourceCookie)
                .header("Tus-Resumable", "1.0.0").header("X-CSRF-TOKEN", c.staleSourceCsrf)
                .header("Upload-Length", "10").header("Upload-Metadata", "filename " + b64(k)), refused(403));
        add("a logged-out session", (c, k) -> Req.post("/uploads").cookie(c.loggedOutSourceCookie)
                .header("Tus-Resumable", "1.0.0").header("X-CSRF-TOKEN", c.sourceCsrf).header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k)), refused(403));
        add("no session", (c, k) -> Req.post("/uploads").header("Tus-Resumable", "1.0.0")
                .header("X-CSRF-TOKEN", c.sourceCsrf).header("Upload-Length", "10")
                .header("Upload-Metadata", "filename " + b64(k)), refused(403));
        add("GET on /uploads", (c, k) -> tus(c, "GET", "/uploads?" + k), refused(405));
        add("PUT on /uploads", (c, k) -> tus(c, "PUT", "/uploads").header("Upload-Length", "10")
                .body("application/offset+octet-stream", k.getBytes(StandardCharsets.UTF_8)), refused(405));
    }

    private void pieces() {
        List<String> ids = List.of("0".repeat(32), "..%2F..%2Fsecrets", "%00", "a".repeat(4000), "%E2%80%AE",
                "x;jsessionid=1");
        for (String id : ids) {
            String shown = id.length() > 40 ? id.substring(0, 10) + "… (" + id.length() + ")" : id;
            add("PATCH to upload '" + shown + "'", (c, k) -> tus(c, "PATCH", "/uploads/" + id)
                    .header("Upload-Offset", "0").body("application/offset+octet-stream",
                            k.getBytes(StandardCharsets.UTF_8)), refused());
            add("HEAD of upload '" + shown + "'", (c, k) -> tus(c, "HEAD", "/uploads/" + id + "?" + k), refused());
            add("DELETE of upload '" + shown + "'", (c, k) -> tus(c, "DELETE", "/uploads/" + id + "?" + k), refused());
        }
        String missing = "/uploads/" + "f".repeat(32);
        add("a piece of 2 MB to no upload", (c, k) -> tus(c, "PATCH", missing).header("Upload-Offset", "0")
                .body("application/offset+octet-stream", (k + "y".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8)),
                refused(404));
        add("a piece as a form", (c, k) -> tus(c, "PATCH", missing).header("Upload-Offset", "0")
                .body("application/x-www-form-urlencoded", ("a=" + k).getBytes(StandardCharsets.UTF_8)), refused(415));
        add("a piece without a type", (c, k) -> tus(c, "PATCH", missing).header("Upload-Offset", "0")
                .body(null, k.getBytes(StandardCharsets.UTF_8)), refused(415));
        for (String offset : List.of("-5", "abc", "", "1.5")) {
            add("Upload-Offset '" + offset + "'", (c, k) -> tus(c, "PATCH", missing).header("Upload-Offset", offset)
                    .body("application/offset+octet-stream", k.getBytes(StandardCharsets.UTF_8)), refused(400));
        }
        add("a piece without a CSRF header", (c, k) -> Req.method("PATCH", missing).cookie(c.sourceCookie)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .body("application/offset+octet-stream", k.getBytes(StandardCharsets.UTF_8)), refused(403));
        add("a DELETE without a CSRF header", (c, k) -> Req.method("DELETE", missing + "?" + k)
                .cookie(c.sourceCookie).header("Tus-Resumable", "1.0.0"), refused(403));
        add("a chunked piece to no upload", (c, k) -> tus(c, "PATCH", missing).header("Upload-Offset", "0")
                .header("Transfer-Encoding", "chunked").noContentLength().body("application/offset+octet-stream",
                        ("10\r\n" + k.substring(0, 15) + "z\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8)),
                refused(404));
    }
}
