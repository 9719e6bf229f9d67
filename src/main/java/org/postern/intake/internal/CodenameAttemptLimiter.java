package org.postern.intake.internal;

import java.util.Optional;
import java.util.function.LongSupplier;

import org.postern.config.PosternProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A global budget of failed codename lookups. Every source arrives from Tor's loopback address, so per-IP limits
 * mean nothing here; guessing is made slow for everyone together, and costly by Argon2.
 *
 * <p>The budget is a line, not a race: each login takes the next free turn in order of arrival and waits for it,
 * so a flood of guesses that keeps the budget empty delays a real source by at most the turns already handed
 * out, never starves it. A turn is given back when the lookup finds a source, so only failed lookups spend it.
 * A turn further away than {@code max-wait} is not handed out: the caller gets the busy page.
 */
@Component
public class CodenameAttemptLimiter {

    private final LongSupplier nanos;
    private final long intervalNanos;
    private final long burstNanos;
    private final long maxWaitNanos;
    private long nextTurn;

    @Autowired
    CodenameAttemptLimiter(PosternProperties properties) {
        this(properties.source().codenameAttemptsPerMinute(), properties.argon2().maxWait().toNanos(),
                System::nanoTime);
    }

    CodenameAttemptLimiter(int perMinute, long maxWaitNanos, LongSupplier nanos) {
        int capacity = Math.max(1, perMinute);
        this.nanos = nanos;
        this.intervalNanos = 60_000_000_000L / capacity;
        this.burstNanos = intervalNanos * (capacity - 1); // capacity turns up to and including now
        this.maxWaitNanos = maxWaitNanos;
        this.nextTurn = nanos.getAsLong() - burstNanos;
    }

    /**
     * Waits for this caller's turn. Empty if the turn lies beyond the longest wait; then nothing was spent.
     * Otherwise the turn is spent unless {@link Turn#giveBack()} is called.
     */
    public Optional<Turn> awaitTurn() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanos.getAsLong();
            long turn = Math.max(nextTurn, now - burstNanos);
            wait = turn - now;
            if (wait > maxWaitNanos) {
                return Optional.empty();
            }
            nextTurn = turn + intervalNanos;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return Optional.of(new Turn());
    }

    private synchronized void giveBack() {
        nextTurn -= intervalNanos;
    }

    /** One place in the line; given back when the lookup found a source, or never made one. */
    public final class Turn {
        private boolean returned;

        private Turn() {
        }

        public void giveBack() {
            if (!returned) {
                returned = true;
                CodenameAttemptLimiter.this.giveBack();
            }
        }
    }
}
