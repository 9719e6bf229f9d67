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
     * A tus client for one upload of {@code file} to {@code location} (a path on the source side) that sends each
     * piece as a PATCH on one kept-alive connection, as a browser's script does.
     */
    static Pieces pieces(TestBrowser browser, String location, String csrf, Path file) throws IOException {
        URI target = URI.create(browser.base() + location);
        return new Pieces(FileChannel.open(file), new InetSocketAddress(target.getHost(), target.getPort()),
                "PATCH " + target.getRawPath() + " HTTP/1.1\r\n"
                        + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                        + "Tus-Resumable: 1.0.0\r\n"
                        + "X-CSRF-TOKEN: " + csrf + "\r\n"
                        + "Content-Type: application/offset+octet-stream\r\n"
                        + "Cookie: " + cookies(browser, target) + "\r\n");
    }

    static final class Pieces implements AutoCloseable {
        private final FileChannel content;
        private final InetSocketAddress server;
        private final String head;
        private final ByteBuffer answer = ByteBuffer.allocate(8192);
        private SocketChannel socket;

        private Pieces(FileChannel content, InetSocketAddress server, String head) throws IOException {
            this.content = content;
            this.server = server;
            this.head = head;
            this.socket = SocketChannel.open(server);
        }

        /** Sends {@code length} bytes from {@code from}; returns the {@code Upload-Offset} of the 204 answer. */
        long send(long from, long length) throws IOException {
            String request = head + "Upload-Offset: " + from + "\r\nContent-Length: " + length + "\r\n\r\n";
            writeFully(socket, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            for (long sent = 0; sent < length;) {
                sent += content.transferTo(from + sent, length - sent, socket);
            }
            // A 204 has no body, so the answer ends with its head.
            answer.clear();
            String text = "";
            while (!text.contains("\r\n\r\n")) {
                if (!answer.hasRemaining() || socket.read(answer) < 0) {
                    throw new IOException("a piece had no whole answer");
                }
                text = new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
            }
            List<String> lines = text.lines().takeWhile(line -> !line.isEmpty()).toList();
            if (!lines.get(0).split(" ")[1].equals("204")) {
                throw new IOException("a piece was not taken: " + lines.get(0));
            }
            // Tomcat closes a connection after a number of requests; a browser then opens another.
            if (lines.stream().anyMatch(line -> line.equalsIgnoreCase("Connection: close"))) {
                socket.close();
                socket = SocketChannel.open(server);
            }
            return lines.stream().filter(line -> line.regionMatches(true, 0, "Upload-Offset:", 0, 14))
                    .map(line -> Long.parseLong(line.substring(14).strip())).findFirst()
                    .orElseThrow(() -> new IOException("no Upload-Offset in the answer"));
        }

        @Override
        public void close() throws IOException {
            try (FileChannel file = content; SocketChannel connection = socket) {
                // both closed
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
