package org.postern.sources;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each account's opt-in address for "new submissions" e-mail; an account without one gets none. */
@Repository
public class NotificationAddresses {

    private final JdbcClient jdbc;

    NotificationAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> of(String accountId) {
        return jdbc.sql("select address from notification_address where account_id = ?").param(accountId)
                .query(String.class).optional();
    }

    /** Sets the account's address, or removes it (opting out) when {@code address} is null. */
    public void set(String accountId, String address) {
        if (address == null) {
            jdbc.sql("delete from notification_address where account_id = ?").param(accountId).update();
            return;
        }
        if (jdbc.sql("update notification_address set address = ? where account_id = ?").params(address, accountId)
                .update() == 0) {
            try {
                jdbc.sql("insert into notification_address (account_id, address) values (?, ?)")
                        .params(accountId, address).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("update notification_address set address = ? where account_id = ?")
                        .params(address, accountId).update();
            }
        }
    }

    /** An address and the console language its account chose (a code, or null before any choice). */
    public record Recipient(String address, String language) {
    }

    /** Addresses of enabled accounts, each with its account's language, so that the mail reads in it. */
    public List<Recipient> recipientsOfEnabledAccounts() {
        return jdbc.sql("""
                        select n.address, a.language from notification_address n join account a on a.id = n.account_id
                        where a.enabled order by n.address""")
                .query((rs, row) -> new Recipient(rs.getString(1), rs.getString(2))).list();
    }

    /** Addresses of enabled admins other than {@code exceptAccountId}, each with its account's language. */
    public List<Recipient> recipientsOfEnabledAdminsExcept(String exceptAccountId) {
        return jdbc.sql("""
                        select n.address, a.language from notification_address n join account a on a.id = n.account_id
                        where a.enabled and a.role = 'ADMIN' and a.id <> ? order by n.address""")
                .param(exceptAccountId).query((rs, row) -> new Recipient(rs.getString(1), rs.getString(2))).list();
    }

    /** Addresses of enabled accounts only: disabling an account stops its mail too. */
    public List<String> ofEnabledAccounts() {
        return jdbc.sql("""
                        select n.address from notification_address n join account a on a.id = n.account_id
                        where a.enabled order by n.address""")
                .query(String.class).list();
    }
}
