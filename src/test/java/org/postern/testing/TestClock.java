package org.postern.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset that only moves forward: time still passes as it does for the server's
 * threads, but a test can jump past a TOTP step or a lock instead of sleeping through it.
 */
public final class TestClock extends Clock {

    private final AtomicLong offsetNanos = new AtomicLong();

    /** Moves this clock forward; never backward, so nothing the server stored ends up in the future. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward: " + by);
        }
        offsetNanos.addAndGet(by.toNanos());
    }

    public Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the test clock is UTC, as the server's is");
        }
        return this;
    }
}
