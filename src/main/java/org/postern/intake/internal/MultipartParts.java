package org.postern.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.fileupload2.core.FileItemHeaders;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * The parts of a multipart/form-data body, one at a time, each as a stream. fileupload2 2.0.0-M4's own iterator
 * caps a part's headers at 512 bytes, which refuses a file whose name is a few hundred bytes long (a title in
 * Cyrillic or Japanese, say); here the cap is {@link #PART_HEADER_MAX}.
 */
final class MultipartParts {

    static final int PART_HEADER_MAX = 16 * 1024;

    record Part(String fieldName, String fileName, InputStream content) {

        boolean isFile() {
            return fileName != null;
        }
    }

    private final JakartaServletFileUpload<?, ?> headers = new JakartaServletFileUpload<>();
    private final MultipartInput input;
    private InputStream current;

    MultipartParts(HttpServletRequest request) throws IOException {
        byte[] boundary = headers.getBoundary(request.getContentType());
        if (boundary == null || boundary.length == 0) {
            throw new IOException("no multipart boundary");
        }
        input = MultipartInput.builder().setInputStream(request.getInputStream()).setBoundary(boundary)
                .setPartHeaderSizeMax(PART_HEADER_MAX).get();
        input.setHeaderCharset(StandardCharsets.UTF_8);
    }

    /** The next part, or null after the last; whatever was left unread of the previous part is skipped. */
    Part next() throws IOException {
        boolean more;
        if (current == null) {
            more = input.skipPreamble();
        } else {
            current.close();
            more = input.readBoundary();
        }
        if (!more) {
            return null;
        }
        FileItemHeaders parsed = headers.getParsedHeaders(input.readHeaders());
        String field = headers.getFieldName(parsed);
        if (field == null) {
            throw new IOException("a part without a form field name");
        }
        current = input.newInputStream();
        return new Part(field, headers.getFileName(parsed), current);
    }
}
