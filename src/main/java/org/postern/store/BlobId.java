package org.postern.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A blob's name on disk: 128 random bits in hex, never anything a user typed. */
public record BlobId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public BlobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a blob id");
        }
    }

    static BlobId random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new BlobId(HexFormat.of().formatHex(bytes));
    }

    static boolean isValid(String value) {
        return FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
