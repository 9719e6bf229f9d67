package org.postern.accounts;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The admin switch "require security keys for everyone", kept in {@code console_setting}. While it is on, a
 * password and TOTP code no longer complete a login for an account that has a key, and an account without one
 * can do nothing but enrol one.
 */
@Service
public class SecurityKeyRequirement {

    static final String NAME = "require_security_keys";

    private final JdbcClient jdbc;
    private final SecurityKeys keys;
    private final AuditLog audit;

    SecurityKeyRequirement(JdbcClient jdbc, SecurityKeys keys, AuditLog audit) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.audit = audit;
    }

    public boolean isOn() {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(NAME)
                .query(String.class).optional().map("true"::equals).orElse(false);
    }

    /**
     * @return false, changing nothing, when an admin without a key of their own tries to switch it on: they
     *     would shut themselves out of everything but the enrolment page
     */
    public boolean set(boolean on, String adminAccountId, String adminName) {
        if (on && !keys.anyFor(adminAccountId)) {
            return false;
        }
        String value = Boolean.toString(on);
        if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?").params(value, NAME)
                .update() == 0) {
            jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)").params(NAME, value)
                    .update();
        }
        audit.record(new AuditEvent(adminName, AuditAction.SETTINGS_CHANGED, "security keys required",
                AuditDetail.of(on ? "audit.detail.turnedOn" : "audit.detail.turnedOff")));
        return true;
    }
}
