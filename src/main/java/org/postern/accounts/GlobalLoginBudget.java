package org.postern.accounts;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** Failed console logins across all accounts: a refilling budget, so a guesser spread over names still stalls. */
@Component
class GlobalLoginBudget {

    static final int FAILURES_PER_MINUTE = 30;

    private final Clock clock;
    private double tokens = FAILURES_PER_MINUTE;
    private long last;

    GlobalLoginBudget(Clock clock) {
        this.clock = clock;
        this.last = clock.millis();
    }

    synchronized boolean hasRoom() {
        refill();
        return tokens >= 1;
    }

    synchronized void spend() {
        refill();
        tokens = Math.max(0, tokens - 1);
    }

    private void refill() {
        long now = clock.millis();
        tokens = Math.min(FAILURES_PER_MINUTE, tokens + (now - last) * FAILURES_PER_MINUTE / 60_000.0);
        last = now;
    }
}
