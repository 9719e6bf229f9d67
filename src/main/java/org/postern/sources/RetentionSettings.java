package org.postern.sources;

import java.util.OptionalInt;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The retention period, in days, kept in {@code console_setting}. None (or 0) keeps everything. */
@Repository
public class RetentionSettings {

    /** About a hundred years: any longer is "forever" said differently. */
    public static final int MAX_DAYS = 36_500;

    static final String NAME = "retention_days";

    private final JdbcClient jdbc;

    RetentionSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Sets the period; 0 keeps everything. */
    public void setDays(int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention period out of range");
        }
        String value = Integer.toString(days);
        if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                .update() == 0) {
            try {
                jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)").params(NAME, value)
                        .update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                        .update();
            }
        }
    }
}
