package org.postern.review.inbox;

import org.postern.sources.DatabaseMaintenance;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rewrites the database at a fixed time each day (UTC), so that its file dates no source action more finely. */
@Component
class MaintenanceJob {

    private final DatabaseMaintenance maintenance;

    MaintenanceJob(DatabaseMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Scheduled(cron = "${postern.maintenance.cron:0 30 3 * * *}", zone = "UTC")
    void rewriteDatabase() {
        maintenance.run();
    }
}
