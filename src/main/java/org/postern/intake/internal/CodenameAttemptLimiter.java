package org.postern.intake.internal;

import java.time.Clock;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * A global limit on codename attempts. Every source arrives from Tor's loopback address, so per-IP limits
 * mean nothing here; guessing is made slow for everyone together, and costly by Argon2.
 */
@Component
public class CodenameAttemptLimiter {

    private final Clock clock;
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long lastMillis;

    CodenameAttemptLimiter(PosternProperties properties, Clock clock) {
        this.clock = clock;
        this.capacity = Math.max(1, properties.source().codenameAttemptsPerMinute());
        this.perMilli = capacity / 60_000.0;
        this.tokens = capacity;
        this.lastMillis = clock.millis();
    }

    public synchronized boolean tryAcquire() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + Math.max(0, now - lastMillis) * perMilli);
        lastMillis = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
