package org.postern.accounts;

import java.time.Clock;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/** Failed console logins across all accounts: a refilling budget, so a guesser spread over names still stalls. */
@Component
class GlobalLoginBudget {

    private final Clock clock;
    private final int perMinute;
    private double tokens;
    private long last;

    GlobalLoginBudget(Clock clock, PosternProperties properties) {
        this.clock = clock;
        this.perMinute = Math.max(1, properties.console().loginFailuresPerMinute());
        this.tokens = perMinute;
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
        tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
        last = now;
    }
}
