package org.postern.review.inbox;

import org.postern.sources.Deletions;
import org.postern.sources.Retention;
import org.postern.sources.UnsubmittedSources;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the retention period every hour, deletes sources that never sent anything once their lifetime has
 * passed, and records how many replies sources deleted in that hour. Dates are kept to the day, so an hourly run
 * deletes each item within an hour of the day it expires on; the work is in {@link Retention}, which tests call
 * with a fixed clock.
 */
@Component
class RetentionJob {

    private final Retention retention;
    private final UnsubmittedSources unsubmitted;
    private final Deletions deletions;
    private final ApplicationEventPublisher events;

    RetentionJob(Retention retention, UnsubmittedSources unsubmitted, Deletions deletions,
            ApplicationEventPublisher events) {
        this.deletions = deletions;
        this.events = events;
        this.retention = retention;
        this.unsubmitted = unsubmitted;
    }

    @Scheduled(initialDelayString = "1m", fixedDelayString = "1h")
    void run() {
        Retention.Purged purged = retention.purgeExpired();
        if (purged.submissions() + purged.replies() + purged.sources() > 0) {
            events.publishEvent(new HourlyDeletions.Expired(purged.submissions(), purged.replies(),
                    purged.sources()));
        }
        int repliesDeleted = deletions.takeRepliesDeletedBySources();
        if (repliesDeleted > 0) {
            events.publishEvent(new HourlyDeletions.RepliesDeletedBySources(repliesDeleted));
        }
        int neverSent = unsubmitted.purge();
        if (neverSent > 0) {
            events.publishEvent(new HourlyDeletions.NeverSent(neverSent));
        }
    }
}
