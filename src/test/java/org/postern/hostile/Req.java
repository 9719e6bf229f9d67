package org.postern.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One hostile request, built byte by byte. Adds Host, Content-Length and Connection: close unless told not to. */
final class Req {

    private String method;
    private String target;
    private String version = "HTTP/1.1";
    private final List<String> headers = new ArrayList<>();
    private byte[] body;
    private boolean contentLength = true;
    private byte[] rawHead;

    private Req(String method, String target) {
        this.method = method;
        this.target = target;
    }

    static Req get(String target) {
        return new Req("GET", target);
    }

    static Req post(String target) {
        return new Req("POST", target);
    }

    static Req method(String method, String target) {
        return new Req(method, target);
    }

    /** The whole head exactly as given; the body (if any) follows it unchanged. */
    static Req raw(String head) {
        Req req = new Req(null, null);
        req.rawHead = head.getBytes(StandardCharsets.ISO_8859_1);
        return req;
    }

    static Req raw(byte[] head) {
        Req req = new Req(null, null);
        req.rawHead = head;
        return req;
    }

    Req version(String v) {
        this.version = v;
        return this;
    }

    Req header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    Req cookie(String cookie) {
        return cookie == null ? this : header("Cookie", cookie);
    }

    Req form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return body("application/x-www-form-urlencoded", s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    Req body(String contentType, byte[] bytes) {
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        this.body = bytes;
        return this;
    }

    Req multipart(Multipart parts) {
        return body("multipart/form-data; boundary=" + parts.boundary(), parts.bytes());
    }

    /** Leaves Content-Length out, for chunked bodies or a lying length set by hand. */
    Req noContentLength() {
        this.contentLength = false;
        return this;
    }

    byte[] head() {
        if (rawHead != null) {
            return rawHead;
        }
        StringBuilder s = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\nHost: 127.0.0.1\r\n");
        headers.forEach(h -> s.append(h).append("\r\n"));
        if (contentLength && body != null) {
            s.append("Content-Length: ").append(body.length).append("\r\n");
        }
        s.append("Connection: close\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] bodyBytes() {
        return body;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
