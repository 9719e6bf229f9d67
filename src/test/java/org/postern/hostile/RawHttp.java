package org.postern.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, byte for byte: for requests that {@code HttpClient} refuses to send (malformed
 * request lines, huge or illegal headers, lying lengths, unknown methods). The body is written on its own thread,
 * so a server that answers before reading everything is seen answering, not deadlocked.
 */
final class RawHttp {

    private RawHttp() {
    }

    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    static Response exchange(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head);
                    if (body != null) {
                        for (int off = 0; off < body.length; off += 65536) {
                            out.write(body, off, Math.min(65536, body.length - off));
                        }
                    }
                    out.flush();
                } catch (IOException refusedEarly) {
                    // The server answered and closed before taking all of it: its answer is what counts.
                }
            });
            Response response = read(socket.getInputStream());
            writing.join();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("no response at all");
        }
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            // An HTTP/0.9 request gets an HTTP/0.9 answer: the body alone, with no status line or headers.
            byte[] rest = in.readAllBytes();
            return new Response(0, Map.of(), statusLine + "\n" + new String(rest, StandardCharsets.UTF_8));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h; (h = line(in)) != null && !h.isEmpty();) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        byte[] body;
        List<String> te = headers.get("transfer-encoding");
        List<String> cl = headers.get("content-length");
        if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
            body = chunked(in);
        } else if (cl != null) {
            body = in.readNBytes(Integer.parseInt(cl.get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String size; (size = line(in)) != null;) {
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer; (trailer = line(in)) != null && !trailer.isEmpty();) {
                    // trailers carry nothing these tests look at
                }
                break;
            }
            out.write(in.readNBytes(n));
            line(in);
        }
        return out.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                buffer.write(b);
            }
        }
        if (b < 0 && buffer.size() == 0) {
            return null;
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
