package org.postern.accounts;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long recording a failed console login takes (the failure count, the lock and the audit entry), so that the
 * failures that record nothing (an unknown name, a locked account, an attempt while another is in flight) can wait
 * as long. Each such failure waits a time drawn from the recent real ones, so every failure path has the same
 * distribution of times rather than one that is shorter by the database writes.
 */
final class FailureBookkeepingTime {

    private static final int KEPT = 32;

    private final long[] nanos = new long[KEPT];
    private final SecureRandom random;
    private int count;
    private int next;

    FailureBookkeepingTime(SecureRandom random) {
        this.random = random;
    }

    synchronized void record(long tookNanos) {
        nanos[next] = tookNanos;
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
    }

    /** One of the recent times, or none before any failure has been recorded. */
    synchronized long sampleNanos() {
        return count == 0 ? 0 : nanos[random.nextInt(count)];
    }

    /** Waits as long as a recent failure took to record; an interrupt ends the wait early and is kept. */
    void waitAsLongAsRecording() {
        long wait = sampleNanos();
        if (wait <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
