package org.postern.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.postern.crypto.DatabaseSecretSealer;
import org.postern.crypto.SecretBytes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    private final JdbcClient jdbc;
    private final DatabaseSecretSealer sealer;

    AccountRepository(JdbcClient jdbc, DatabaseSecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    void insert(String id, String username, String passwordHash, Role role, SecretBytes totpSecret, long totpStep,
            LocalDate today) {
        jdbc.sql("""
                insert into account (id, username, password_hash, role, enabled, totp_secret, totp_last_step, created_on)
                values (?, ?, ?, ?, true, ?, ?, ?)""")
                .params(id, username, passwordHash, role.name(), seal(totpSecret, id), totpStep, today).update();
    }

    public Optional<Account> findById(String id) {
        return jdbc.sql("select * from account where id = ?").param(id).query(AccountRepository::map).optional();
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("select * from account where username = ?").param(username).query(AccountRepository::map)
                .optional();
    }

    public List<Account> findAll() {
        return jdbc.sql("select * from account order by username").query(AccountRepository::map).list();
    }

    /** The console language the account chose, as a code; empty until it chooses one. */
    public Optional<String> language(String id) {
        return jdbc.sql("select language from account where id = ?").param(id).query(String.class).optional();
    }

    public void setLanguage(String id, String code) {
        jdbc.sql("update account set language = ? where id = ?").params(code, id).update();
    }

    public boolean anyAdmin() {
        return jdbc.sql("select count(*) from account where role = 'ADMIN' and enabled").query(Long.class).single() > 0;
    }

    public long countAdmins() {
        return jdbc.sql("select count(*) from account where role = 'ADMIN' and enabled").query(Long.class).single();
    }

    /** Enabled admins, and admins disabled on or after {@code disabledSince}. */
    public long countAdminsPresentSince(LocalDate disabledSince) {
        return jdbc.sql("select count(*) from account where role = 'ADMIN' and (enabled or disabled_on >= ?)")
                .param(disabledSince).query(Long.class).single();
    }

    Optional<String> passwordHash(String id) {
        return jdbc.sql("select password_hash from account where id = ?").param(id).query(String.class).optional();
    }

    Optional<SecretBytes> totpSecret(String id) {
        return jdbc.sql("select totp_secret from account where id = ?").param(id).query(String.class).optional()
                .filter(s -> s != null && !s.isEmpty())
                .flatMap(s -> DatabaseSecretSealer.isSealed(s) ? sealer.open(s, totpBinding(id))
                        : Optional.of(SecretBytes.adopt(Base64.getDecoder().decode(s))));
    }

    /** Seals TOTP seeds stored before sealing existed (plain base64); returns how many. */
    int sealLegacyTotpSecrets() {
        List<String> ids = jdbc.sql("select id, totp_secret from account where totp_secret is not null")
                .query((rs, row) -> DatabaseSecretSealer.isSealed(rs.getString(2)) ? null : rs.getString(1)).list()
                .stream().filter(java.util.Objects::nonNull).toList();
        for (String id : ids) {
            totpSecret(id).ifPresent(secret -> {
                try (secret) {
                    jdbc.sql("update account set totp_secret = ? where id = ?").params(seal(secret, id), id)
                            .update();
                }
            });
        }
        return ids.size();
    }

    long totpLastStep(String id) {
        return jdbc.sql("select totp_last_step from account where id = ?").param(id).query(Long.class).single();
    }

    /** Records a used TOTP step; false if that step (or a later one) was already used: a replay. */
    boolean useTotpStep(String id, long step) {
        return jdbc.sql("update account set totp_last_step = ? where id = ? and totp_last_step < ?")
                .params(step, id, step).update() == 1;
    }

    void setTotpSecret(String id, SecretBytes secret, long step) {
        jdbc.sql("update account set totp_secret = ?, totp_last_step = ?, session_epoch = session_epoch + 1 where id = ?")
                .params(seal(secret, id), step, id).update();
    }

    void setPasswordHash(String id, String hash) {
        jdbc.sql("update account set password_hash = ?, session_epoch = session_epoch + 1 where id = ?")
                .params(hash, id).update();
    }

    void bumpSessionEpoch(String id) {
        jdbc.sql("update account set session_epoch = session_epoch + 1 where id = ?").param(id).update();
    }

    /** {@code today} is recorded as the day of disabling, and cleared again on enabling. */
    void setEnabled(String id, boolean enabled, LocalDate today) {
        jdbc.sql("update account set enabled = ?, disabled_on = ?, session_epoch = session_epoch + 1 where id = ?")
                .params(enabled, enabled ? null : today, id).update();
    }

    /** Counts a failure atomically, so that parallel guesses cannot slip past the lock. Returns the new count. */
    int recordFailure(String id) {
        jdbc.sql("update account set failed_logins = failed_logins + 1 where id = ?").param(id).update();
        return jdbc.sql("select failed_logins from account where id = ?").param(id).query(Integer.class).single();
    }

    void lockUntil(String id, Instant until) {
        jdbc.sql("update account set locked_until = ? where id = ?").params(Timestamp.from(until), id).update();
    }

    void clearFailures(String id) {
        jdbc.sql("update account set failed_logins = 0, locked_until = null where id = ?").param(id).update();
    }

    private String seal(SecretBytes secret, String id) {
        return secret == null ? null : sealer.seal(secret, totpBinding(id));
    }

    private static String totpBinding(String accountId) {
        return "account.totp_secret:" + accountId;
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        String totp = rs.getString("totp_secret");
        return new Account(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"), totp != null && !totp.isEmpty(), rs.getInt("session_epoch"),
                rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(),
                rs.getObject("created_on", LocalDate.class));
    }
}
