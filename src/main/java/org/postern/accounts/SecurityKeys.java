package org.postern.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.postern.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security keys (WebAuthn credentials) of console accounts, in the tables Spring Security's WebAuthn
 * repositories use. A key is found through its account's user name, so one account can never list or remove
 * another's. Adding or removing a key changes the second factor, and so ends every session of the account.
 */
@Service
public class SecurityKeys {

    /** Longest label kept; longer ones are cut, since a key must still be enrolled when its name is odd. */
    public static final int MAX_LABEL = 64;

    private static final String OWNED = """
            from user_credentials c join user_entities u on c.user_entity_user_id = u.id
            where u.name = ?""";

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecurityKeys(JdbcClient jdbc, AccountRepository accounts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    public List<SecurityKey> of(String accountId) {
        return jdbc.sql("select c.credential_id, c.label, c.created, c.last_used " + OWNED
                        + " order by c.created, c.credential_id")
                .param(usernameOf(accountId))
                .query((rs, row) -> new SecurityKey(rs.getString(1), rs.getString(2), day(rs.getTimestamp(3)),
                        day(rs.getTimestamp(4))))
                .list();
    }

    public boolean anyFor(String accountId) {
        return jdbc.sql("select count(*) " + OWNED).param(usernameOf(accountId)).query(Long.class).single() > 0;
    }

    /** True if this credential is one of the named account's keys. */
    public boolean belongsTo(String credentialId, String username) {
        return jdbc.sql("select count(*) " + OWNED + " and c.credential_id = ?").params(username, credentialId)
                .query(Long.class).single() > 0;
    }

    /**
     * Called once a new key is stored: ends the account's sessions and records the enrolment, together. The key
     * itself is stored before, by Spring Security's repository, in a transaction of its own.
     */
    @Transactional
    public void enrolled(String username, String label) {
        accounts.findByUsername(username).ifPresent(account -> {
            accounts.bumpSessionEpoch(account.id());
            events.publishEvent(new AccountChange.SecurityKeyEnrolled(AuditActor.account(username), username,
                    label));
        });
    }

    /** Removes one of the account's own keys, with its audit entry; false if it has no key with that id. */
    @Transactional
    public boolean remove(String accountId, String credentialId, String actor) {
        String username = usernameOf(accountId);
        String label = jdbc.sql("select c.label " + OWNED + " and c.credential_id = ?").params(username, credentialId)
                .query(String.class).optional().orElse(null);
        // The owner check is repeated in the delete itself, so no id can remove another account's key.
        if (label == null || jdbc.sql("delete from user_credentials where credential_id = ? and user_entity_user_id "
                + "in (select id from user_entities where name = ?)").params(credentialId, username).update() != 1) {
            return false;
        }
        accounts.bumpSessionEpoch(accountId);
        events.publishEvent(new AccountChange.SecurityKeyRemoved(AuditActor.account(actor), username, label));
        return true;
    }

    /** Removes every key of the account, for an admin's second-factor reset. Returns how many there were. */
    int removeAll(String accountId) {
        return jdbc.sql("delete from user_credentials where user_entity_user_id in "
                + "(select id from user_entities where name = ?)").param(usernameOf(accountId)).update();
    }

    /**
     * A label as stored: control characters dropped, trimmed, cut to length. Empty when none was given: the
     * console names an unnamed key in the reader's language.
     */
    public static String cleanLabel(String label) {
        String clean = label == null ? "" : label.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.length() > MAX_LABEL) {
            clean = clean.substring(0, MAX_LABEL).strip();
        }
        return clean;
    }

    private String usernameOf(String accountId) {
        return accounts.findById(accountId).map(Account::username).orElse("");
    }

    private LocalDate day(Timestamp at) {
        return at == null ? null : LocalDate.ofInstant(at.toInstant(), clock.getZone());
    }
}
