package org.postern.review.inbox;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An admin's record, kept in {@code console_setting}, that e-mail notifications stay off on purpose (e-mail can be
 * too risky), so that the first-run checklist stops asking about them.
 */
@Service
class NotificationsOffByChoice {

    static final String NAME = "notifications_off_by_choice";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    NotificationsOffByChoice(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    boolean isRecorded() {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(NAME)
                .query(String.class).optional().map("true"::equals).orElse(false);
    }

    void set(boolean offByChoice, String adminName) {
        String value = Boolean.toString(offByChoice);
        if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                .update() == 0) {
            jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)").params(NAME, value)
                    .update();
        }
        audit.record(new AuditEvent(adminName, AuditAction.SETTINGS_CHANGED, "notifications off by choice",
                AuditDetail.of(offByChoice ? "audit.detail.recorded" : "audit.detail.withdrawn")));
    }
}
