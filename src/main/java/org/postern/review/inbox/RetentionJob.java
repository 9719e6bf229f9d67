package org.postern.review.inbox;

import org.postern.sources.Retention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the retention period every hour. Dates are kept to the day, so an hourly run deletes each item within
 * an hour of the day it expires on; the work is in {@link Retention}, which tests call with a fixed clock.
 */
@Component
class RetentionJob {

    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "1m", fixedDelayString = "1h")
    void run() {
        retention.purgeExpired();
    }
}
