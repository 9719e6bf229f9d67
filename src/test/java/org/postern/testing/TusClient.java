package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A tus 1.0.0 client as the upload page's script would be: the source's session cookie from {@code browser}, and
 * the CSRF token the page exposes, sent in {@code X-CSRF-TOKEN}. Each call returns the raw response.
 */
public final class TusClient {

    public static final String OCTETS = "application/offset+octet-stream";

    private final String base;
    private final String csrf;
    private final HttpClient http;

    public TusClient(TestBrowser browser, String csrf) {
        this.base = browser.base();
        this.csrf = csrf;
        this.http = HttpClient.newBuilder().cookieHandler(browser.cookies()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The token a logged-in lookup page exposes to its script. */
    public static String csrfOf(Page lookup) {
        var meta = lookup.document().selectFirst("meta[name=_csrf]");
        if (meta == null) {
            throw new IllegalStateException("no _csrf meta on " + lookup.path());
        }
        return meta.attr("content");
    }

    public static String metadata(String fileName) {
        SecretsUsed.record(SecretsUsed.Kind.FILE_NAME, fileName);
        return "filename " + Base64.getEncoder().encodeToString(fileName.getBytes(StandardCharsets.UTF_8))
                + ",filetype " + Base64.getEncoder().encodeToString("application/octet-stream".getBytes());
    }

    public HttpResponse<String> create(long length, String fileName) {
        return send(tus("/uploads").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata(fileName)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> head(String location) {
        return send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> patch(String location, long offset, byte[] piece) {
        return patch(location, offset, HttpRequest.BodyPublishers.ofByteArray(piece), OCTETS);
    }

    public HttpResponse<String> patch(String location, long offset, HttpRequest.BodyPublisher body,
            String contentType) {
        return send(tus(location).header("Upload-Offset", Long.toString(offset)).header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(10)).method("PATCH", body));
    }

    public HttpResponse<String> delete(String location) {
        return send(tus(location).DELETE());
    }

    /** A request with the tus and CSRF headers set, for cases the methods above do not cover. */
    public HttpRequest.Builder tus(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Tus-Resumable", "1.0.0")
                .header("X-CSRF-TOKEN", csrf);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static long offset(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }
}
