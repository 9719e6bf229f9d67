package org.postern.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;

/**
 * The parts of a multipart/form-data body, one at a time, each as a stream. Jetty's parser does the parsing: it
 * finds boundaries with a skipping search rather than byte by byte, which made it the upload's bottleneck under
 * commons-fileupload2. That parser pushes events; this class pulls them, on the request thread, by feeding it
 * one buffer of the body whenever the queue runs dry, so nothing is buffered beyond that one buffer.
 */
final class MultipartParts {

    /** Generous enough for a file name of a few hundred characters in any script. */
    static final int PART_HEADER_MAX = 16 * 1024;
    private static final int READ_BUFFER = 64 * 1024;
    /** RFC 2046's boundary alphabet and length; browsers' boundaries all fit it, and anything else is refused. */
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,./:=?-][0-9A-Za-z'()+_,./:=? -]{0,68}"
            + "[0-9A-Za-z'()+_,./:=?-]|[0-9A-Za-z'()+_,./:=?-]");

    record Part(String fieldName, String fileName, InputStream content) {

        boolean isFile() {
            return fileName != null;
        }
    }

    private record Begin(String name, String fileName) {
    }

    private record Failure(Throwable cause) {
    }

    private static final Object END = new Object();
    private static final Object COMPLETE = new Object();

    private final InputStream body;
    private final byte[] buffer = new byte[READ_BUFFER];
    private final ArrayDeque<Object> events = new ArrayDeque<>();
    private final MultiPart.Parser parser;
    private PartContent current;
    private boolean fed;

    MultipartParts(HttpServletRequest request, long maxParts) throws IOException {
        this(request.getContentType(), request.getInputStream(), maxParts);
    }

    MultipartParts(String contentType, InputStream body, long maxParts) throws IOException {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            throw new IOException("no valid multipart boundary");
        }
        // Not RFC7578_STRICT: in Jetty 12.1 it refuses a well-formed body whose CR and LF fall into different
        // buffers (MultipartPartsTest). The lenient mode also reads a bare LF as a line end, which loses nothing.
        parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578, new Events());
        parser.setPartHeadersMaxLength(PART_HEADER_MAX);
        // One more than the caller allows, so that the caller's own count, with its clearer message, trips first.
        parser.setMaxParts(maxParts + 1);
        this.body = body;
    }

    /** The next part, or null after the last; whatever was left unread of the previous part is skipped. */
    Part next() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        }
        Object event = take();
        if (event == COMPLETE) {
            return null;
        }
        if (!(event instanceof Begin begin)) {
            throw new IOException("malformed multipart body");
        }
        if (begin.name() == null) {
            throw new IOException("a part without a form field name");
        }
        current = new PartContent();
        return new Part(begin.name(), begin.fileName(), current);
    }

    /** Zeroes the read buffer, which held the last stretch of the body in plaintext. */
    void wipe() {
        java.util.Arrays.fill(buffer, (byte) 0);
    }

    private Object peek() throws IOException {
        while (events.isEmpty()) {
            if (fed) {
                throw new IOException("multipart body ended early");
            }
            int n = body.readNBytes(buffer, 0, buffer.length);
            fed = n < buffer.length;
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, Math.max(n, 0)), fed));
        }
        Object event = events.peek();
        if (event instanceof Failure failure) {
            throw new IOException("malformed multipart body", failure.cause());
        }
        return event;
    }

    private Object take() throws IOException {
        Object event = peek();
        events.poll();
        return event;
    }

    /** One part's bytes: slices of the read buffer, each consumed before the buffer is refilled. */
    private final class PartContent extends InputStream {
        private final byte[] one = new byte[1];
        private boolean ended;

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            Object event = peek();
            if (event == END) {
                events.poll();
                ended = true;
                return -1;
            }
            if (!(event instanceof ByteBuffer bytes)) {
                throw new IOException("malformed multipart body");
            }
            int n = Math.min(length, bytes.remaining());
            bytes.get(into, offset, n);
            if (!bytes.hasRemaining()) {
                events.poll();
            }
            return n;
        }

        void skipRest() throws IOException {
            while (!ended) {
                Object event = take();
                ended = event == END;
                if (!ended && !(event instanceof ByteBuffer)) {
                    throw new IOException("malformed multipart body");
                }
            }
        }
    }

    /** Runs inside {@code parse}; it only queues, because the parser swallows a listener's exceptions. */
    private final class Events extends MultiPart.AbstractPartsListener {

        @Override
        public void onPartHeaders() {
            events.add(new Begin(getName(), getFileName()));
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (chunk.hasRemaining()) {
                events.add(chunk.getByteBuffer());
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            events.add(END);
        }

        @Override
        public void onComplete() {
            events.add(COMPLETE);
        }

        @Override
        public void onFailure(Throwable failure) {
            events.add(new Failure(failure));
        }
    }
}
