package org.postern.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * A browser with JavaScript off: it follows links and submits forms, keeps cookies, and records every
 * response so that tests can check the headers of each one.
 */
public final class TestBrowser {

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final List<Page> history = Collections.synchronizedList(new ArrayList<>());

    public TestBrowser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The origin this browser's relative paths go to. */
    public String base() {
        return base;
    }

    public Page get(String path) {
        return send(path, HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Submits a urlencoded form, like pressing its button. */
    public Page post(String path, Map<String, String> fields) {
        SecretsUsed.record(SecretsUsed.Kind.CODENAME, fields.get("codename"));
        if (path.endsWith("/reply")) {
            SecretsUsed.record(SecretsUsed.Kind.MESSAGE, fields.get("text"));
        }
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        return send(path, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Any method with a raw body and headers, as a page's script would send it. */
    public Page request(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(path, request);
    }

    /** Fills in the upload form on {@code lookup} and submits it, streaming each file from its supplier. */
    public Page submit(Page lookup, String message, List<FilePart> files) {
        String action = uploadAction(lookup);
        SecretsUsed.record(SecretsUsed.Kind.MESSAGE, message);
        files.forEach(f -> SecretsUsed.record(SecretsUsed.Kind.FILE_NAME, f.fileName()));
        String boundary = newBoundary();
        Supplier<InputStream> body = () -> multipart(boundary, message, files);
        return send(action, HttpRequest.newBuilder(uri(action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
    }

    public record FilePart(String fileName, Supplier<InputStream> content) {
    }

    /** A file download: the exact bytes, status and headers, as the browser would save them. */
    public record Download(String path, int status, java.net.http.HttpHeaders headers, byte[] body) {

        /** The file name from {@code Content-Disposition}, or null. */
        public String fileName() {
            return headers.firstValue("Content-Disposition")
                    .map(v -> org.springframework.http.ContentDisposition.parse(v).getFilename()).orElse(null);
        }
    }

    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.uri().getRawPath(), response.statusCode(), response.headers(),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Page> history() {
        return List.copyOf(history);
    }

    public CookieManager cookies() {
        return cookies;
    }

    private Page send(String path, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Page page = new Page(response.uri().getRawPath() + (response.uri().getRawQuery() == null ? ""
                    : "?" + response.uri().getRawQuery()), response.statusCode(), response.headers(), response.body());
            history.add(page);
            recordShownCodename(page);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A codename page shows the new codename once; the leak scan must know it. */
    private static void recordShownCodename(Page page) {
        if (page.body() != null && page.body().contains("id=\"codename\"")) {
            var shown = page.document().getElementById("codename");
            if (shown != null) {
                SecretsUsed.record(SecretsUsed.Kind.CODENAME, shown.text());
            }
        }
    }

    private static InputStream multipart(String boundary, String message, List<FilePart> files) {
        List<InputStream> parts = new ArrayList<>();
        parts.add(text(messagePart(boundary, message)));
        for (FilePart f : files) {
            parts.add(text(fileHeader(boundary, f.fileName())));
            parts.add(f.content().get());
            parts.add(text("\r\n"));
        }
        parts.add(text(end(boundary)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Where the upload form on {@code lookup} posts to, as written in the page (with its CSRF token). */
    public static String uploadAction(Page lookup) {
        var form = lookup.document().selectFirst("form[enctype=multipart/form-data]");
        if (form == null) {
            throw new IllegalStateException("no upload form on " + lookup.path());
        }
        return form.attr("action");
    }

    /** A boundary as a browser makes one: random, so that no file's bytes contain it by chance. */
    public static String newBoundary() {
        return "----postern" + HexFormat.of().formatHex(randomBytes(12));
    }

    /** The upload form's message field, whole. */
    public static String messagePart(String boundary, String message) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n"
                + (message == null ? "" : message) + "\r\n";
    }

    /** The head of one file in the upload form; the file's bytes and a CR LF follow it. */
    public static String fileHeader(String boundary, String fileName) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                + fileName.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    }

    /** The form's closing delimiter. */
    public static String end(String boundary) {
        return "--" + boundary + "--\r\n";
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
