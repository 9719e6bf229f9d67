package org.postern.accounts;

import org.postern.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final ApplicationEventPublisher events;

    SecurityKeyRequirement(JdbcClient jdbc, SecurityKeys keys, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.events = events;
    }

    public boolean isOn() {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(NAME)
                .query(String.class).optional().map("true"::equals).orElse(false);
    }

    /**
     * @return false, changing nothing, when an admin without a key of their own tries to switch it on: they
     *     would shut themselves out of everything but the enrolment page
     */
    @Transactional
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
        events.publishEvent(new AccountChange.SecurityKeysRequired(AuditActor.account(adminName), on));
        return true;
    }
}
