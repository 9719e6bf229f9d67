package org.postern.review.inbox;

import org.postern.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin's record, kept in {@code console_setting}, that e-mail notifications stay off on purpose (e-mail can be
 * too risky), so that the first-run checklist stops asking about them.
 */
@Service
class NotificationsOffByChoice {

    static final String NAME = "notifications_off_by_choice";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    NotificationsOffByChoice(JdbcClient jdbc, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
    }

    boolean isRecorded() {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(NAME)
                .query(String.class).optional().map("true"::equals).orElse(false);
    }

    /** Stores the choice and its audit entry in one transaction. */
    void set(boolean offByChoice, AuditActor by) {
        String value = Boolean.toString(offByChoice);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                    .update() == 0) {
                jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)")
                        .params(NAME, value).update();
            }
            events.publishEvent(new NotificationsDecided(by, offByChoice));
        });
    }
}
