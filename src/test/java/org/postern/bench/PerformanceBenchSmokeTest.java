package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness (bench/run) at tiny sizes, so that it cannot rot: every item is measured and the
 * table comes out with plausible numbers. The targets themselves are not asserted here; at these sizes and on a
 * shared CI machine they mean little. The real figures are in docs/performance.md.
 */
@Tag("slow")
class PerformanceBenchSmokeTest {

    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?) (MB/s|ms|s|MiB)");

    @Test
    void aTinyRunMeasuresEveryItemAndPrintsTheTable() throws Exception {
        ResultTable table = PerformanceBench.run(BenchOptions.quick());

        List<ResultTable.Row> rows = table.rows();
        assertThat(rows).extracting(ResultTable.Row::item).contains("1", "2", "3", "4", "5", "6", "8");
        for (ResultTable.Row row : rows) {
            Matcher m = NUMBER.matcher(row.value());
            assertThat(m.find()).as(row.toString()).isTrue();
            do {
                double v = Double.parseDouble(m.group(1));
                assertThat(v).as(row.toString()).isGreaterThanOrEqualTo(0).isLessThan(1e6);
            } while (m.find());
        }
        assertThat(rows).filteredOn(r -> r.measurement().startsWith("Postern encryptor"))
                .allSatisfy(r -> assertThat(r.ratio()).matches("\\d+\\.\\d\\d×( \\(rounds \\d+\\.\\d\\d–\\d+\\.\\d\\d\\))?"));
        // Correctness is not a target but a precondition: these must hold even at tiny sizes.
        assertThat(rows).filteredOn(r -> r.measurement().contains("upload")).filteredOn(r -> r.item().equals("3")
                || r.item().equals("4")).extracting(ResultTable.Row::verdict).containsOnly(ResultTable.Verdict.PASS);
        assertThat(rows).filteredOn(r -> r.item().equals("8") && r.target().equals("succeeds"))
                .extracting(ResultTable.Row::verdict).containsExactly(ResultTable.Verdict.PASS);
        assertThat(rows).filteredOn(r -> r.measurement().contains("logins")).extracting(ResultTable.Row::verdict)
                .containsOnly(ResultTable.Verdict.PASS);
        assertThat(table.render()).startsWith("| # | measurement | value | compared with | ratio | target | result |");
    }
}
