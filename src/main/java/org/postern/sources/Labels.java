package org.postern.sources;

import java.util.Optional;

/** Label rules: free text, trimmed, at most {@link #MAX_LENGTH} characters, no control or format characters. */
public final class Labels {

    public static final int MAX_LENGTH = 40;
    public static final int MAX_PER_SOURCE = 5;

    private Labels() {
    }

    /** The label as stored, or empty if it breaks the rules. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String label = raw.strip().replaceAll("\\s+", " ");
        // Length in UTF-16 units, as both databases count varchar(40) here. Format characters (bidi overrides,
        // zero-width ones) are refused too: a label must look like what it is.
        if (label.isEmpty() || label.length() > MAX_LENGTH || label.codePoints().anyMatch(Labels::isControl)) {
            return Optional.empty();
        }
        return Optional.of(label);
    }

    private static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }
}
