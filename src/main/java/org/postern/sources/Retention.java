package org.postern.sources;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

import org.postern.config.DayRounding;
import org.postern.store.BlobId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is older than the retention period: submissions and replies by their date, with their blobs,
 * then sources left with nothing whose last activity is that old too. With a period of {@code d} days, an
 * item dated {@code today - d} is kept and one dated a day earlier goes. Today comes from the injected
 * {@link Clock}, so tests move time instead of waiting.
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 500;

    public record Purged(int submissions, int replies, int sources) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Deletions deletions;
    private final RetentionSettings settings;
    private final Clock clock;

    Retention(JdbcClient jdbc, PlatformTransactionManager transactions, Deletions deletions,
            RetentionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.deletions = deletions;
        this.settings = settings;
        this.clock = clock;
    }

    public Purged purgeExpired() {
        OptionalInt days = settings.days();
        if (days.isEmpty()) {
            return new Purged(0, 0, 0);
        }
        LocalDate cutoff = DayRounding.today(clock).minusDays(days.getAsInt());
        int submissions = purge("submission", "received_on", cutoff);
        int replies = purge("reply", "sent_on", cutoff);
        int sources = jdbc.sql("""
                        delete from source where last_activity_on < ?
                          and not exists (select 1 from submission x where x.source_id = source.id)
                          and not exists (select 1 from reply r where r.source_id = source.id)""")
                .param(cutoff).update();
        if (submissions + replies + sources > 0) {
            log.info("Retention removed {} submissions, {} replies and {} sources", submissions, replies, sources);
        }
        return new Purged(submissions, replies, sources);
    }

    /** Batches keep each transaction short, so uploads and the console are not held up by a large purge. */
    private int purge(String table, String dateColumn, LocalDate cutoff) {
        int total = 0;
        while (true) {
            List<Row> batch = tx.execute(status -> {
                List<Row> rows = jdbc.sql("select id, blob_id from " + table + " where " + dateColumn
                                + " < ? order by id limit " + BATCH)
                        .param(cutoff).query((rs, n) -> new Row(rs.getString(1), new BlobId(rs.getString(2)))).list();
                if (!rows.isEmpty()) {
                    jdbc.sql("delete from " + table + " where id in (:ids)")
                            .param("ids", rows.stream().map(Row::id).toList()).update();
                }
                return rows;
            });
            deletions.removeBlobs(batch.stream().map(Row::blob).toList());
            total += batch.size();
            if (batch.size() < BATCH) {
                return total;
            }
        }
    }

    private record Row(String id, BlobId blob) {
    }
}
