package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.postern.testing.Page;
import org.postern.testing.SecretsUsed;
import org.postern.testing.TestBrowser;

/**
 * Items 2 and 7's client: the upload form submitted as a browser sends it, and a resumable upload's pieces, each
 * with a Content-Length rather than chunked and with the file handed to the socket by the kernel
 * ({@code sendfile}). On two CPUs every cycle the client spends is taken from the server it measures; Java's
 * HttpClient spent about a fifth of a CPU on a 1 GiB upload.
 */
final class LoopbackFileUpload {

    private static final String FILE_NAME = "bench.bin";

    private LoopbackFileUpload() {
    }

    /** Submits {@code file} with the form on {@code lookup}; returns the response's status (303: kept). */
    static int submit(TestBrowser browser, Page lookup, Path file) throws IOException {
        URI action = URI.create(browser.base()).resolve(TestBrowser.uploadAction(lookup));
        SecretsUsed.record(SecretsUsed.Kind.FILE_NAME, FILE_NAME);
        String boundary = TestBrowser.newBoundary();
        byte[] head = (TestBrowser.messagePart(boundary, "") + TestBrowser.fileHeader(boundary, FILE_NAME))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n" + TestBrowser.end(boundary)).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel content = FileChannel.open(file);
                SocketChannel socket = SocketChannel.open(new InetSocketAddress(action.getHost(), action.getPort()))) {
            long length = head.length + content.size() + tail.length;
            String request = "POST " + action.getRawPath() + "?" + action.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + action.getHost() + ":" + action.getPort() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + length + "\r\n"
                    + "Cookie: " + cookies(browser, action) + "\r\n"
                    + "Connection: close\r\n\r\n";
            writeFully(socket, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            writeFully(socket, ByteBuffer.wrap(head));
            for (long sent = 0; sent < content.size();) {
                sent += content.transferTo(sent, content.size() - sent, socket);
            }
            writeFully(socket, ByteBuffer.wrap(tail));
            try (InputStream response = Channels.newInputStream(socket)) {
                String status = new String(response.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst()
                        .orElse("");
                return Integer.parseInt(status.split(" ")[1]);
            }
        }
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code from} as one tus PATCH to {@code location} (a path on
     * the source side); returns the {@code Upload-Offset} of the server's 204 answer.
     */
    static long patch(TestBrowser browser, String location, String csrf, Path file, long from, long length)
            throws IOException {
        URI target = URI.create(browser.base() + location);
        try (FileChannel content = FileChannel.open(file);
                SocketChannel socket = SocketChannel.open(new InetSocketAddress(target.getHost(), target.getPort()))) {
            String request = "PATCH " + target.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                    + "Tus-Resumable: 1.0.0\r\n"
                    + "X-CSRF-TOKEN: " + csrf + "\r\n"
                    + "Upload-Offset: " + from + "\r\n"
                    + "Content-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + length + "\r\n"
                    + "Cookie: " + cookies(browser, target) + "\r\n"
                    + "Connection: close\r\n\r\n";
            writeFully(socket, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            for (long sent = 0; sent < length;) {
                sent += content.transferTo(from + sent, length - sent, socket);
            }
            try (InputStream response = Channels.newInputStream(socket)) {
                List<String> head = new String(response.readAllBytes(), StandardCharsets.ISO_8859_1).lines()
                        .takeWhile(line -> !line.isEmpty()).toList();
                if (head.isEmpty() || !head.get(0).split(" ")[1].equals("204")) {
                    throw new IOException("a piece was not taken: " + (head.isEmpty() ? "no answer" : head.get(0)));
                }
                return head.stream().filter(line -> line.regionMatches(true, 0, "Upload-Offset:", 0, 14))
                        .map(line -> Long.parseLong(line.substring(14).strip())).findFirst()
                        .orElseThrow(() -> new IOException("no Upload-Offset in the answer"));
            }
        }
    }

    private static String cookies(TestBrowser browser, URI action) {
        List<java.net.HttpCookie> all = browser.cookies().getCookieStore().get(action);
        return all.stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    private static void writeFully(SocketChannel socket, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            socket.write(bytes);
        }
    }
}
