package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoundRatiosTest {

    @Test
    void pairsRoundsRatherThanMedians() {
        // The machine halves its speed in round 2: both runs slow down alike, so every pair says 2×.
        RoundRatios r = RoundRatios.of(List.of(2.0, 4.0, 2.2), List.of(1.0, 2.0, 1.1));
        assertThat(r.median()).isEqualTo(2.0);
        assertThat(r.text()).isEqualTo("2.00× (rounds 2.00–2.00)");
    }

    @Test
    void showsTheRangeOfTheRounds() {
        RoundRatios r = RoundRatios.of(List.of(1.0, 1.0, 1.0), List.of(1.25, 0.8, 1.0));
        assertThat(r.median()).isEqualTo(1.0);
        assertThat(r.text()).isEqualTo("1.00× (rounds 0.80–1.25)");
        assertThat(RoundRatios.of(List.of(3.0), List.of(2.0)).text()).isEqualTo("1.50×");
    }

    @Test
    void readsTimeWithOverTimeWithoutAsACost() {
        // Rounds with the web layer took 1.07×, 0.97× and 1.20× the time without it.
        RoundRatios r = RoundRatios.of(List.of(1.07, 0.97, 1.2), List.of(1.0, 1.0, 1.0));
        assertThat(r.costText()).isEqualTo("+7 % (rounds -3 to +20 %)");
        assertThat(RoundRatios.of(List.of(0.97), List.of(1.0)).costText()).isEqualTo("-3 %");
    }

    @Test
    void refusesRoundsThatDoNotPairUp() {
        assertThatThrownBy(() -> RoundRatios.of(List.of(1.0), List.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
