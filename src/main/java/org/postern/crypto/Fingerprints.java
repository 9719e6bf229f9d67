package org.postern.crypto;

import java.util.Locale;
import java.util.regex.Pattern;

/** Fingerprint text: parsing what people type, and grouping for display. */
public final class Fingerprints {

    private static final Pattern V4 = Pattern.compile("[0-9A-F]{40}");

    private Fingerprints() {
    }

    /** Accepts spaces and lower case; returns 40 upper-case hex characters. */
    public static String normalise(String input) {
        String hex = input.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (!V4.matcher(hex).matches()) {
            throw new IllegalArgumentException("a fingerprint is 40 hexadecimal characters");
        }
        return hex;
    }

    public static String grouped(String fingerprint) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 4) {
            if (i > 0) {
                out.append(i == 20 ? "  " : " ");
            }
            out.append(fingerprint, i, Math.min(fingerprint.length(), i + 4));
        }
        return out.toString();
    }
}
