package org.postern.accounts;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who has chosen to read and reply in their browser. The choice is a flag; the key never reaches the server. */
@Repository
public class BrowserReadingChoices {

    private final JdbcClient jdbc;

    BrowserReadingChoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isOn(String accountId) {
        return jdbc.sql("select browser_reading from account where id = ?").param(accountId).query(Boolean.class)
                .optional().orElse(false);
    }

    public void set(String accountId, boolean on) {
        jdbc.sql("update account set browser_reading = ? where id = ?").params(on, accountId).update();
    }

    /** User names of enabled accounts that have it on, for admins. */
    public List<String> usernamesOn() {
        return jdbc.sql("select username from account where browser_reading and enabled order by username")
                .query(String.class).list();
    }
}
