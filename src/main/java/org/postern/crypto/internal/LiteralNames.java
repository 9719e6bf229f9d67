package org.postern.crypto.internal;

import java.nio.charset.StandardCharsets;

/**
 * The file name that goes inside the encrypted literal data. It is the only place a name is kept, so it is
 * made safe for whoever decrypts it: no directories, no control or bidi-override characters, at most the
 * 255 bytes the packet allows.
 */
final class LiteralNames {

    static final int MAX_BYTES = 255;

    private LiteralNames() {
    }

    static String safe(String name) {
        if (name == null) {
            return "";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(cp -> out.appendCodePoint(isUnsafe(cp) ? '_' : cp));
        String cleaned = out.toString();
        if (cleaned.equals(".") || cleaned.equals("..")) {
            cleaned = "_";
        }
        return truncateUtf8(cleaned);
    }

    private static boolean isUnsafe(int cp) {
        return Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT // bidi overrides, zero-width joiners
                || Character.getType(cp) == Character.UNASSIGNED
                || Character.getType(cp) == Character.SURROGATE;
    }

    private static String truncateUtf8(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
