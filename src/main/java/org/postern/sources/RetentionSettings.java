package org.postern.sources;

import java.util.OptionalInt;

import org.postern.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The retention period, in days, kept in {@code console_setting}. None (or 0) keeps everything. */
@Repository
public class RetentionSettings {

    /** About a hundred years: any longer is "forever" said differently. */
    public static final int MAX_DAYS = 36_500;

    static final String NAME = "retention_days";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    RetentionSettings(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
    }

    /** The period in days, or empty to keep everything. */
    public OptionalInt days() {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(NAME)
                .query(String.class).optional()
                .filter(v -> v.matches("[0-9]{1,5}"))
                .map(Integer::parseInt)
                .filter(d -> d > 0 && d <= MAX_DAYS)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Sets the period, 0 to keep everything, and records who did, in one transaction. */
    public void setDays(int days, AuditActor by) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention period out of range");
        }
        try {
            tx.executeWithoutResult(status -> store(days, by));
        } catch (DuplicateKeyException raced) {
            // Another admin stored the first value at the same moment. PostgreSQL ends a transaction at a failed
            // insert, so the second try is a transaction of its own, and finds the row to update.
            tx.executeWithoutResult(status -> store(days, by));
        }
    }

    private void store(int days, AuditActor by) {
        String value = Integer.toString(days);
        if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                .update() == 0) {
            jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)").params(NAME, value)
                    .update();
        }
        events.publishEvent(new RetentionChanged(by, days));
    }
}
