package org.postern.testing.tor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Tor client of the private network, used like a small browser: requests go through its SOCKS socket, and
 * cookies are kept per onion. Requests that tor could not connect yet (descriptor not yet on the directories,
 * circuit failed) are retried until the deadline; any other answer is returned as it is.
 */
public final class TorClient {

    /** Transient SOCKS replies: general failure, host unreachable, TTL expired, and the onion ones below. */
    private static final Set<Integer> RETRY = Set.of(0x01, 0x04, 0x06, 0xF0, 0xF2, 0xF3, 0xF7);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tor-client-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** One part of a multipart/form-data body; {@code filename} null for a plain field. */
    public record Part(String name, String filename, String contentType, byte[] content) {
    }

    private final String name;
    private final Path socksSocket;
    private final TorControl control;
    private final Map<String, Map<String, String>> cookies = new HashMap<>();
    private volatile Duration timeout = Duration.ofSeconds(60);

    TorClient(String name, Path socksSocket, TorControl control) {
        this.name = name;
        this.socksSocket = socksSocket;
        this.control = control;
    }

    public String name() {
        return name;
    }

    /** How long one request may keep retrying and reading; 60 s unless changed. */
    public TorClient timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /** Gives this client a key for an onion service at runtime, through its control port. */
    public void addClientAuth(ClientAuth auth) throws IOException {
        control.command(auth.controlPortCommand());
    }

    public HttpResult get(String url) throws IOException {
        return send("GET", url, null, new byte[0]);
    }

    public HttpResult postForm(String url, Map<String, String> fields) throws IOException {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send("POST", url, "application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8));
    }

    public HttpResult postMultipart(String url, List<Part> parts) throws IOException {
        String boundary = "----postern-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append('"');
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            body.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("POST", url, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private HttpResult send(String method, String url, String contentType, byte[] body) throws IOException {
        URI uri = URI.create(url);
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Socks5.Connection connection = Socks5.connect(socksSocket, host, port);
            if (connection.reply() != 0) {
                if (RETRY.contains(connection.reply()) && System.nanoTime() < deadline) {
                    sleep(300);
                    continue;
                }
                return HttpResult.refused(connection.reply());
            }
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            ScheduledFuture<?> guard = WATCHDOG.schedule(() -> close(connection), left, TimeUnit.MILLISECONDS);
            try (var channel = connection.channel()) {
                HttpResult result = HttpExchange.send(channel, head(method, uri, contentType, body.length), body);
                remember(host, result);
                return result;
            } finally {
                guard.cancel(false);
            }
        }
    }

    private String head(String method, URI uri, String contentType, int length) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append("\r\n")
                .append("Connection: close\r\n");
        Map<String, String> jar = cookies.getOrDefault(uri.getHost(), Map.of());
        if (!jar.isEmpty()) {
            StringJoiner cookie = new StringJoiner("; ");
            jar.forEach((k, v) -> cookie.add(k + "=" + v));
            head.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (!"GET".equals(method)) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private void remember(String host, HttpResult result) {
        for (String setCookie : result.headers().getOrDefault("set-cookie", List.of())) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            Map<String, String> jar = cookies.computeIfAbsent(host, h -> new LinkedHashMap<>());
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                jar.remove(pair.substring(0, eq).trim());
            } else {
                jar.put(pair.substring(0, eq).trim(), value);
            }
        }
    }

    private static void close(Socks5.Connection connection) {
        try {
            connection.channel().close();
        } catch (IOException ignored) {
            // Closing is how the watchdog ends a request that ran out of time.
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
