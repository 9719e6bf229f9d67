package org.postern.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A source's codename, normalised so that case and extra spaces do not matter. It is the only thing that
 * unlocks a source's replies, so it never prints and never leaves memory.
 */
public final class Codename {

    /** Longer input is refused before it reaches the KDF: an over-long secret must not cost us more. */
    public static final int MAX_INPUT_CHARS = 256;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String normalised;

    private Codename(String normalised) {
        this.normalised = normalised;
    }

    /** Returns the normalised codename, or throws if the input cannot possibly be one. */
    public static Codename parse(String input) {
        if (input == null || input.length() > MAX_INPUT_CHARS) {
            throw new IllegalArgumentException("not a codename");
        }
        String n = WHITESPACE.matcher(input.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (n.isEmpty()) {
            throw new IllegalArgumentException("not a codename");
        }
        return new Codename(n);
    }

    /** The words, for showing to the source once. */
    public String revealToSource() {
        return normalised;
    }

    byte[] utf8() {
        return normalised.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
