package org.postern.testing;

/** Waiting in polling loops, for tests and helpers that watch another process make progress. */
public final class Waits {

    private Waits() {
    }

    /** Sleeps; an interruption ends the test rather than being swallowed. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
