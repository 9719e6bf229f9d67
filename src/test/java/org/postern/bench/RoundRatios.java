package org.postern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Speed ratios taken round by round, each from two runs made back to back. On a shared 2-CPU host the machine's
 * speed drifts by 2× within minutes; a ratio of two medians mixes rounds taken at different speeds, while the
 * median of paired ratios does not.
 */
record RoundRatios(List<Double> ratios) {

    /** Each round's {@code referenceSeconds ÷ seconds}: above 1 when ours was faster. */
    static RoundRatios of(List<Double> referenceSeconds, List<Double> seconds) {
        if (referenceSeconds.size() != seconds.size() || seconds.isEmpty()) {
            throw new IllegalArgumentException("rounds do not pair up");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < seconds.size(); i++) {
            ratios.add(referenceSeconds.get(i) / seconds.get(i));
        }
        return new RoundRatios(List.copyOf(ratios));
    }

    double median() {
        return EncryptionBench.median(ratios);
    }

    /** "0.92×", followed by the rounds' range when there were several. */
    String text() {
        return ResultTable.ratio(median()) + range(" (rounds %.2f–%.2f)", 1, 0);
    }

    /**
     * For ratios of time taken with something to time without it: "+7 %", the cost of that something, followed by
     * the rounds' range when there were several.
     */
    String costText() {
        return String.format(Locale.ROOT, "%+.0f %%", (median() - 1) * 100) + range(" (rounds %+.0f to %+.0f %%)",
                100, -1);
    }

    /** The rounds' least and greatest ratio, each {@code (r + shift) × scale}, or "" after a single round. */
    private String range(String format, double scale, double shift) {
        if (ratios.size() < 2) {
            return "";
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, format, (min + shift) * scale, (max + shift) * scale);
    }
}
