package org.postern.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Turns of the failed-lookup budget: spent only when kept, refilled by time, refused past the longest wait. */
class CodenameAttemptLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Test
    void aTurnGivenBackCostsNothingAndOnlyKeptTurnsEmptyTheBudget() throws InterruptedException {
        CodenameAttemptLimiter limiter = new CodenameAttemptLimiter(2, 0, now::get);
        for (int i = 0; i < 10; i++) {
            limiter.awaitTurn().orElseThrow().giveBack(); // found sources: nothing spent
        }
        assertThat(limiter.awaitTurn()).isPresent();
        assertThat(limiter.awaitTurn()).isPresent();
        assertThat(limiter.awaitTurn()).as("two failed lookups spent a budget of two").isEmpty();
        now.addAndGet(30_000_000_000L);
        assertThat(limiter.awaitTurn()).as("half a minute refills one").isPresent();
        assertThat(limiter.awaitTurn()).isEmpty();
    }

    @Test
    void aTurnWithinTheLongestWaitIsHandedOutInOrderAndOneBeyondItIsRefused() throws InterruptedException {
        // 60 a minute, a wait of up to 1.5 s: the burst, then one more turn 1 s ahead, then nothing.
        CodenameAttemptLimiter limiter = new CodenameAttemptLimiter(60, 1_500_000_000L, now::get);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.awaitTurn()).isPresent();
        }
        long start = System.nanoTime();
        assertThat(limiter.awaitTurn()).as("the next turn in line").isPresent();
        assertThat(System.nanoTime() - start).as("it waited for its turn").isGreaterThanOrEqualTo(900_000_000L);
        assertThat(limiter.awaitTurn()).as("2 s ahead, past the longest wait").isEmpty();
    }
}
