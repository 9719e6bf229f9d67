package org.postern.review.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;
import org.postern.organization.LogoImages;

/**
 * The file of a logo upload form, read into memory (it is public, and at most about a megabyte) by Jetty's
 * multipart parser. The console has no multipart resolver, so nothing is spooled to temporary files.
 */
final class LogoUploads {

    static final String FIELD = "logo";
    /** The file plus a little for boundaries and part headers. */
    private static final int MAX_BODY = LogoImages.MAX_UPLOAD_BYTES + 64 * 1024;

    /** The upload could not be read as the logo form; {@link #messageKey()} tells the admin why. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String messageKey;

        Unreadable(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private LogoUploads() {
    }

    /** The logo file's bytes; may be longer than the limit by one byte, so that the caller can say so. */
    static byte[] read(HttpServletRequest request) throws Unreadable {
        String contentType = request.getContentType();
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new Unreadable("logo.refused.form");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new Unreadable("logo.refused.tooLarge");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new Unreadable("logo.refused.interrupted");
        }
        if (body.length > MAX_BODY) {
            throw new Unreadable("logo.refused.tooLarge");
        }
        Collector collector = new Collector();
        MultiPart.Parser parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578, collector);
        parser.setPartHeadersMaxLength(16 * 1024);
        parser.setMaxParts(8);
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(body), true));
        if (!collector.complete || collector.failed) {
            throw new Unreadable("logo.refused.form");
        }
        if (collector.file == null) {
            throw new Unreadable("logo.refused.choose");
        }
        return collector.file.toByteArray();
    }

    /** Runs inside {@code parse}; keeps the logo part's bytes only. */
    private static final class Collector extends MultiPart.AbstractPartsListener {
        private ByteArrayOutputStream current;
        private ByteArrayOutputStream file;
        private boolean complete;
        private boolean failed;

        @Override
        public void onPartHeaders() {
            current = FIELD.equals(getName()) && getFileName() != null && file == null
                    ? new ByteArrayOutputStream() : null;
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (current != null && chunk.hasRemaining()) {
                ByteBuffer bytes = chunk.getByteBuffer();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                current.write(copy, 0, copy.length);
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            if (current != null) {
                file = current;
                current = null;
            }
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable failure) {
            failed = true;
        }
    }
}
