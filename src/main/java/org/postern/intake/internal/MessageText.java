package org.postern.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message's plaintext while it is encrypted: an array sized for it up front, never copied into a {@code String}
 * or a buffer left behind as it grows, and zeroed on {@link #close()}. The JVM may still hold copies this class
 * cannot reach (the servlet container's and the parser's input buffers, the cipher's own state), so wiping
 * narrows what a heap dump shows rather than ruling it out.
 */
final class MessageText implements AutoCloseable {

    private static final int DECODE_CHARS = 256;
    /** Where a text of unknown length starts: most messages fit. */
    static final int UNKNOWN_SIZE_START = 64 * 1024;

    private byte[] bytes;
    private int length;

    private MessageText(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads all of {@code in}, at most {@code limit} bytes, else throws {@code tooLong} with what was read already
     * wiped. The array starts at {@code sizeHint} bytes (the request's length, when known, bounds the part's); a
     * text longer than that moves to a larger array and the old one is zeroed at once.
     */
    static MessageText read(InputStream in, int limit, long sizeHint, SubmissionRejected tooLong)
            throws IOException, SubmissionRejected {
        int initial = (int) Math.min((long) limit + 1, sizeHint > 0 ? sizeHint + 1 : UNKNOWN_SIZE_START);
        MessageText text = new MessageText(new byte[Math.max(initial, 1)]);
        try {
            for (int n; (n = in.read(text.bytes, text.length, text.bytes.length - text.length)) > 0;) {
                text.length += n;
                if (text.length > limit) {
                    throw tooLong;
                }
                if (text.length == text.bytes.length) {
                    text.grow(limit + 1);
                }
            }
            return text;
        } catch (IOException | SubmissionRejected | RuntimeException e) {
            text.close();
            throw e;
        }
    }

    private void grow(int max) {
        byte[] larger = Arrays.copyOf(bytes, (int) Math.min(max, 2L * bytes.length));
        Arrays.fill(bytes, (byte) 0);
        bytes = larger;
    }

    int length() {
        return length;
    }

    /**
     * True if the text is empty or only white space, as {@link String#isBlank()} would find it after decoding
     * as UTF-8 (a malformed sequence decodes to U+FFFD, which is not blank), without making that string: the
     * bytes are decoded through a small buffer that is zeroed afterwards.
     */
    boolean isBlank() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        char[] chars = new char[DECODE_CHARS];
        CharBuffer out = CharBuffer.wrap(chars);
        try {
            boolean flushing = false;
            while (true) {
                out.clear();
                var result = flushing ? decoder.flush(out) : decoder.decode(in, out, true);
                for (int i = 0; i < out.position(); i++) {
                    if (!Character.isWhitespace(chars[i])) {
                        return false;
                    }
                }
                if (result.isUnderflow()) {
                    if (flushing) {
                        return true;
                    }
                    flushing = true;
                }
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Zeroes the whole array, including whatever an overlong text left past the limit. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        length = 0;
    }

    /** The backing array itself, so that a test can see it zeroed after {@link #close()}. */
    byte[] backingArrayForTest() {
        return bytes;
    }
}
