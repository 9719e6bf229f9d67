package org.postern.review.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.postern.store.BlobId;

/**
 * The single byte range of an HTTP {@code Range} request (RFC 9110, 14), honoured only while {@code If-Range},
 * when sent, names the same blob. Several ranges at once are answered with the whole file, as the RFC allows.
 */
final class ByteRanges {

    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    static final Range UNSATISFIABLE = new Range(-1, -1);

    private ByteRanges() {
    }

    /** A strong tag from the blob's random id, hashed so that the id itself is not shown. */
    static String entityTag(BlobId blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob.value().getBytes(StandardCharsets.US_ASCII));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The range to send, null for the whole file, or {@link #UNSATISFIABLE}. */
    static Range requested(String range, String ifRange, String etag, long size) {
        if (range == null || !range.startsWith("bytes=") || range.indexOf(',') >= 0) {
            return null;
        }
        if (ifRange != null && !ifRange.strip().equals(etag)) {
            // A date or another tag: the client's partial copy may be of something else, so send it all.
            return null;
        }
        String spec = range.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first;
        long last;
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0) {
                    return UNSATISFIABLE;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(spec.substring(0, dash));
                String end = spec.substring(dash + 1);
                last = end.isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(end));
                if (last < first && !end.isEmpty()) {
                    return null;
                }
            }
        } catch (NumberFormatException malformed) {
            return null;
        }
        if (first < 0 || first >= size) {
            return UNSATISFIABLE;
        }
        return new Range(first, last);
    }
}
