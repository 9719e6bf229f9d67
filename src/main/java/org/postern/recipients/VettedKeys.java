package org.postern.recipients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recipient_key table seen with owners and approvers; the rules live in {@link KeyVetting}. */
@Repository
class VettedKeys {

    private static final String SELECT = """
            select k.fingerprint, k.user_ids, k.algorithm, k.expires_on, k.origin, k.status, k.added_on,
                   k.account_id, o.username as owner_name, k.approved_by, a.username as approver_name, k.approved_on,
                   k.recovery, k.proposed_by, p.username as proposer_name, f.username as former_owner_name
            from recipient_key k
            left join account o on o.id = k.account_id
            left join account a on a.id = k.approved_by
            left join account p on p.id = k.proposed_by
            left join account f on f.id = k.retired_owner_id
            """;

    private final JdbcClient jdbc;

    VettedKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<VettedKey> all() {
        return jdbc.sql(SELECT + " order by k.added_on, k.fingerprint").query(VettedKeys::map).list();
    }

    List<VettedKey> ownedBy(String accountId) {
        return jdbc.sql(SELECT + " where k.account_id = ? order by k.added_on, k.fingerprint").param(accountId)
                .query(VettedKeys::map).list();
    }

    Optional<VettedKey> find(String fingerprint) {
        return jdbc.sql(SELECT + " where k.fingerprint = ?").param(fingerprint).query(VettedKeys::map).optional();
    }

    Optional<String> armored(String fingerprint) {
        return jdbc.sql("select armored from recipient_key where fingerprint = ?").param(fingerprint)
                .query(String.class).optional();
    }

    boolean hasPending(String accountId) {
        return jdbc.sql("select count(*) from recipient_key where account_id = ? and status = 'PENDING'")
                .param(accountId).query(Long.class).single() > 0;
    }

    List<String> approvedFingerprintsOf(String accountId) {
        return jdbc.sql("select fingerprint from recipient_key where account_id = ? and status = 'APPROVED'")
                .param(accountId).query(String.class).list();
    }

    boolean hasPendingRecovery() {
        return jdbc.sql("select count(*) from recipient_key where recovery and status = 'PENDING'")
                .query(Long.class).single() > 0;
    }

    /** False if the key is gone or no longer pending: someone else acted on it first. */
    boolean markApproved(String fingerprint, String approverId, LocalDate day) {
        return jdbc.sql("""
                update recipient_key set status = 'APPROVED', approved_by = ?, approved_on = ?
                where fingerprint = ? and status = 'PENDING'""")
                .params(approverId, day, fingerprint).update() == 1;
    }


    boolean anyApprovedExpiringBy(LocalDate day) {
        return jdbc.sql("""
                select count(*) from recipient_key
                where status = 'APPROVED' and expires_on is not null and expires_on <= ?""")
                .param(day).query(Long.class).single() > 0;
    }

    private static VettedKey map(ResultSet rs, int row) throws SQLException {
        return new VettedKey(rs.getString("fingerprint"), rs.getString("user_ids"), rs.getString("algorithm"),
                rs.getObject("expires_on", LocalDate.class), KeyOrigin.valueOf(rs.getString("origin")),
                KeyStatus.valueOf(rs.getString("status")), rs.getObject("added_on", LocalDate.class),
                rs.getString("account_id"), rs.getString("owner_name"), rs.getString("approved_by"),
                rs.getString("approver_name"), rs.getObject("approved_on", LocalDate.class), rs.getBoolean("recovery"),
                rs.getString("proposed_by"), rs.getString("proposer_name"), rs.getString("former_owner_name"));
    }
}
