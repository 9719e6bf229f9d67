package org.postern.intake.internal;

/** A byte limit as sources read it. */
public final class HumanSizes {

    private HumanSizes() {
    }

    public static String format(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value)) + " "
                + units[unit];
    }
}
