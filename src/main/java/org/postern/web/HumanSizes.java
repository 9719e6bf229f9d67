package org.postern.web;

/** Byte counts as people read them, on both sides: "2 GB", "1.5 MB", "812 bytes" (binary multiples). */
public final class HumanSizes {

    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    private HumanSizes() {
    }

    public static String format(long bytes) {
        int unit = 0;
        long scale = 1;
        while (unit < UNITS.length - 1 && bytes >= scale * 1024) {
            scale *= 1024;
            unit++;
        }
        if (bytes % scale == 0) {
            return bytes / scale + " " + UNITS[unit];
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", (double) bytes / scale, UNITS[unit]);
    }
}
