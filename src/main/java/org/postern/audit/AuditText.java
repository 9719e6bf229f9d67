package org.postern.audit;

/** Keeps audit text to one plain line that a console or terminal shows as it is stored. */
final class AuditText {

    static final char REPLACEMENT = '\uFFFD';
    static final char ELLIPSIS = '\u2026';

    private AuditText() {
    }

    /** Null becomes empty; control, format and separator characters (bidi overrides, say) become U+FFFD. */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        text.strip().codePoints().forEach(cp -> out.appendCodePoint(isUnsafe(cp) ? REPLACEMENT : cp));
        return truncate(out.toString(), max);
    }

    static String requirePlain(String text, int max, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        if (!text.equals(text.strip()) || text.codePoints().anyMatch(cp -> isUnsafe(cp) || Character.isWhitespace(cp))) {
            throw new IllegalArgumentException(what + " contains whitespace or control characters");
        }
        return text;
    }

    /** Cuts to at most {@code max} UTF-16 units, never inside a surrogate pair, and marks the cut. */
    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    private static boolean isUnsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
