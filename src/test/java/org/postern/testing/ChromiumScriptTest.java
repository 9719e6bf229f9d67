package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JavaScript switch every browser test relies on: off really means no script runs, on means it does. */
@Tag("browser")
class ChromiumScriptTest {

    @Test
    void scriptOffMeansThePageScriptDoesNotRun() {
        try (Chromium off = Chromium.start(false)) {
            assertThat(off.scriptRuns()).isFalse();
        }
    }

    @Test
    void scriptOnMeansThePageScriptRuns() {
        try (Chromium on = Chromium.start(true)) {
            assertThat(on.scriptRuns()).isTrue();
        }
    }
}
