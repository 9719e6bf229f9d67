package org.postern.hostile;

import static org.postern.hostile.HostileCase.Expect.refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.postern.hostile.HostileCase.Expect;
import org.postern.hostile.HostileCase.Side;

/**
 * Hostile HTTP on both ports, most of it refused by Tomcat before the application sees it: huge headers, URIs
 * and forms, malformed request lines, request smuggling, and path traversal towards files outside the static
 * directories.
 */
final class ProtocolCases {

    private final List<HostileCase> cases = new ArrayList<>();

    static List<HostileCase> all() {
        ProtocolCases p = new ProtocolCases();
        p.on(Side.SOURCE, "/", "/css/");
        p.on(Side.CONSOLE, "/login", "/console-css/");
        return p.cases;
    }

    private void add(Side side, String name, BiFunction<Corpus, String, Req> request, Expect expect) {
        String canary = HostileCase.newCanary();
        cases.add(new HostileCase("HTTP, " + side.name().toLowerCase(java.util.Locale.ROOT), name, side, canary,
                c -> request.apply(c, canary), expect));
    }

    private static String raw(String requestLine, String... headers) {
        return requestLine + "\r\n" + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n")
                .toList()) + "\r\n";
    }

    private void on(Side side, String page, String statics) {
        String close = "Connection: close";
        String host = "Host: 127.0.0.1";
        add(side, "one header of 100 KB", (c, k) -> Req.get(page).header("X-Pad", k + "h".repeat(100_000)),
                refused(400));
        add(side, "500 headers", (c, k) -> {
            Req r = Req.get(page);
            for (int i = 0; i < 500; i++) {
                r.header("X-H" + i, k + "v".repeat(90));
            }
            return r;
        }, refused(400));
        add(side, "URI of 100 KB", (c, k) -> Req.get(page + "?q=" + k + "u".repeat(100_000)), refused());
        add(side, "cookie header of 1,000 cookies", (c, k) -> {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                s.append("c").append(i).append('=').append(k).append("; ");
            }
            return Req.get(page).header("Cookie", s.toString());
        }, refused(400));
        add(side, "form of 20,000 parameters", (c, k) -> {
            StringBuilder s = new StringBuilder("_csrf=x");
            for (int i = 0; i < 20_000; i++) {
                s.append("&p").append(i).append('=').append(k);
            }
            return Req.post("/login").body("application/x-www-form-urlencoded",
                    s.toString().getBytes(StandardCharsets.US_ASCII));
        }, refused());
        add(side, "form field of 3 MB", (c, k) -> Req.post("/login").body("application/x-www-form-urlencoded",
                ("_csrf=x&field=" + k + "f".repeat(3 << 20)).getBytes(StandardCharsets.US_ASCII)), refused());
        add(side, "garbage request line", (c, k) -> Req.raw("\u0016\u0003\u0001 " + k + " garbage\r\n\r\n"),
                refused(400));
        add(side, "HTTP/0.9 request", (c, k) -> Req.raw("GET /" + k + "\r\n\r\n"), Expect.http09Refused());
        add(side, "control character in the method", (c, k) -> Req.raw(raw("G\u0001T /" + k + " HTTP/1.1",
                host, close)), Expect.badRequestLine());
        add(side, "raw NUL in the target", (c, k) -> Req.raw(raw("GET /" + k + "\u0000x HTTP/1.1", host, close)),
                Expect.badRequestLine());
        add(side, "encoded NUL in the path", (c, k) -> Req.get("/" + k + "%00.css"), refused());
        add(side, "header without a colon", (c, k) -> Req.raw(raw("GET " + page + " HTTP/1.1", host,
                "X-Broken " + k, close)), refused(400));
        add(side, "control characters in a header value", (c, k) -> Req.raw(raw("GET " + page + " HTTP/1.1",
                host, "X-Bad: " + k + "\u0000\u0007", close)), refused(400));
        add(side, "two different Content-Lengths", (c, k) -> Req.raw(raw("POST /login HTTP/1.1", host,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 5", "Content-Length: 30",
                close) + "a=" + k), refused(400));
        add(side, "Content-Length with chunked", (c, k) -> Req.raw(raw("POST /login HTTP/1.1", host,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 4",
                "Transfer-Encoding: chunked", close) + Integer.toHexString(2 + k.length()) + "\r\na=" + k + "\r\n0\r\n\r\n"),
                refused());
        add(side, "malformed chunk size", (c, k) -> Req.raw(raw("POST /login HTTP/1.1", host,
                "Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked", close)
                + "zz" + k + "\r\nabc\r\n0\r\n\r\n"), refused(400));
        add(side, "traversal with ../", (c, k) -> Req.raw(raw("GET " + statics + "../../../../etc/passwd?" + k
                + " HTTP/1.1", host, close)), refused());
        add(side, "traversal with %2e%2e", (c, k) -> Req.get(statics + "%2e%2e/%2e%2e/application.properties?"
                + k), refused());
        add(side, "traversal with %2f", (c, k) -> Req.get(statics + "..%2f..%2fapplication.properties?" + k),
                refused());
        add(side, "traversal with ..;", (c, k) -> Req.get("/..;/WEB-INF/web.xml?" + k), refused());
        add(side, "traversal with double encoding", (c, k) -> Req.get(statics
                + "%252e%252e/%252e%252e/application.properties?" + k), refused());
        add(side, "traversal with backslashes", (c, k) -> Req.raw(raw("GET " + statics
                + "..\\..\\application.properties?" + k + " HTTP/1.1", host, close)), refused());
        add(side, "traversal with overlong UTF-8", (c, k) -> Req.get(statics + "%c0%ae%c0%ae/%c0%ae%c0%ae/"
                + "application.properties?" + k), refused());
        add(side, "classpath resource by name", (c, k) -> Req.get(statics + "../application.properties?" + k),
                refused());
        add(side, "invalid percent-escape", (c, k) -> Req.get("/%zz" + k), refused(400));
        add(side, "absolute-form URI to another host", (c, k) -> Req.raw(raw("GET http://" + k
                + ".example/ HTTP/1.1", host, close)), refused());
        add(side, "Host of a stranger", (c, k) -> Req.raw(raw("GET " + page + " HTTP/1.1", "Host: " + k
                + ".example", close)), refused(421));
        add(side, "no Host header", (c, k) -> Req.raw(raw("GET " + page + "?" + k + " HTTP/1.1", close)),
                refused(400));
        add(side, "two Host headers", (c, k) -> Req.raw(raw("GET " + page + "?" + k + " HTTP/1.1", host,
                "Host: " + k + ".example", close)), refused(400));
        add(side, "unknown method", (c, k) -> Req.method("FOO", page + "?" + k), refused());
        add(side, "TRACE", (c, k) -> Req.method("TRACE", page + "?" + k), refused(405));
        add(side, "Content-Type of 10 KB", (c, k) -> Req.post("/login").body("application/x-www-form-urlencoded;"
                + " x=" + k + "t".repeat(10_000), "a=b".getBytes(StandardCharsets.US_ASCII)), refused());
        add(side, "urlencoded body with invalid escapes", (c, k) -> Req.post("/login")
                .body("application/x-www-form-urlencoded", ("_csrf=%zz&x=%" + k).getBytes(StandardCharsets.US_ASCII)),
                refused());
        add(side, "wrong content type on a form", (c, k) -> Req.post("/login").body("application/json",
                ("{\"_csrf\":\"" + k + "\"}").getBytes(StandardCharsets.US_ASCII)), refused(403));
        add(side, "5,000 path segments", (c, k) -> Req.get("/" + k + "/a".repeat(5000)), refused());
        add(side, "forged session cookie with a CSRF token", (c, k) -> Req.post("/login")
                .cookie((side == Side.SOURCE ? "postern_source=" : "postern_console=") + k)
                .form(Map.of("_csrf", side == Side.SOURCE ? c.sourceCsrf : c.consoleCsrf)), refused(403));
    }
}
