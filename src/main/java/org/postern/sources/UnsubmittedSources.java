package org.postern.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.postern.config.DayRounding;
import org.postern.config.PosternProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sources that were created but never sent anything: a codename page left behind, or one made by accident. They
 * are not shown in the inbox, and are deleted once the configured lifetime has passed. Dates are kept to the
 * day, so the lifetime is rounded up to whole days and a source goes within a day after it expires.
 */
@Service
public class UnsubmittedSources {

    private final JdbcClient jdbc;
    private final Duration lifetime;
    private final Clock clock;

    UnsubmittedSources(JdbcClient jdbc, PosternProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.lifetime = properties.source().unsubmittedSourceLifetime();
        this.clock = clock;
    }

    /** @return how many sources were deleted; they never had a submission or reply, so there are no blobs */
    public int purge() {
        long days = Math.max(1, (lifetime.toHours() + 23) / 24);
        LocalDate cutoff = DayRounding.today(clock).minusDays(days);
        return jdbc.sql("""
                        delete from source where submission_seq = 0 and created_on < ?
                          and not exists (select 1 from submission x where x.source_id = source.id)
                          and not exists (select 1 from reply r where r.source_id = source.id)""")
                .param(cutoff).update();
    }
}
