package org.postern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's one table: each row a measurement, what it is compared with, and whether the target holds. */
final class ResultTable {

    enum Verdict {
        PASS, FAIL, INFO
    }

    record Row(String item, String measurement, String value, String reference, String ratio, String target,
            Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String item, String measurement, String value, String reference, String ratio, String target,
            Verdict verdict) {
        Row row = new Row(item, measurement, value, reference, ratio, target, verdict);
        rows.add(row);
        System.err.println("[bench] " + row); // progress: a full run takes a while
    }

    void info(String item, String measurement, String value) {
        add(item, measurement, value, "", "", "", Verdict.INFO);
    }

    void check(String item, String measurement, String value, String target, boolean holds) {
        add(item, measurement, value, "", "", target, holds ? Verdict.PASS : Verdict.FAIL);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    boolean allTargetsHold() {
        return rows.stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
    }

    /** A Markdown table, so that a run pastes straight into docs/performance.md. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| # | measurement | value | compared with | ratio | target | result |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.join(" | ", "| " + r.item(), r.measurement(), r.value(), r.reference(), r.ratio(),
                    r.target(), r.verdict() == Verdict.INFO ? "" : r.verdict().name())).append(" |\n");
        }
        return out.toString();
    }

    static String mbPerSecond(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%.0f MB/s", bytes / 1e6 / seconds);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
