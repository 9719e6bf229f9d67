package org.postern.accounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pending admin changes. Only proposals of admins who are still enabled, made within the last week, count:
 * a proposal does not outlive its proposer's standing, nor wait for a confirmation for ever.
 */
@Repository
class AdminProposals {

    static final int VALID_DAYS = 7;

    private static final String SELECT = """
            select p.id, p.kind, p.target_account_id, coalesce(t.username, '') as target_name, p.proposed_by,
                   a.username as proposer_name, p.proposed_on
            from admin_proposal p
            join account a on a.id = p.proposed_by and a.enabled and a.role = 'ADMIN'
            left join account t on t.id = p.target_account_id
            where p.proposed_on >= ?""";

    private final JdbcClient jdbc;

    AdminProposals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The same change proposed twice is one proposal. */
    Optional<AdminProposal> findSame(AdminProposal.Kind kind, String targetId, LocalDate today) {
        return jdbc.sql(SELECT + " and p.kind = ? and " + (targetId == null ? "p.target_account_id is null"
                        : "p.target_account_id = ?"))
                .params(targetId == null ? List.of(oldest(today), kind.name())
                        : List.of(oldest(today), kind.name(), targetId))
                .query(AdminProposals::map).optional();
    }

    void insert(String id, AdminProposal.Kind kind, String targetId, String proposedBy, LocalDate today) {
        jdbc.sql("insert into admin_proposal (id, kind, target_account_id, proposed_by, proposed_on) "
                + "values (?, ?, ?, ?, ?)").params(id, kind.name(), targetId, proposedBy, today).update();
    }

    List<AdminProposal> pending(LocalDate today) {
        return jdbc.sql(SELECT + " order by p.proposed_on, p.id").param(oldest(today)).query(AdminProposals::map)
                .list();
    }

    Optional<AdminProposal> find(String id, LocalDate today) {
        return jdbc.sql(SELECT + " and p.id = ?").params(oldest(today), id).query(AdminProposals::map).optional();
    }

    /** Removes the proposal; false if it was gone already, so that one proposal is carried out once. */
    boolean take(String id) {
        return jdbc.sql("delete from admin_proposal where id = ?").param(id).update() == 1;
    }

    /** Drops proposals that can no longer be confirmed: too old, or their proposer is no longer an admin. */
    void dropStale(LocalDate today) {
        jdbc.sql("""
                delete from admin_proposal where proposed_on < ? or proposed_by not in
                    (select id from account where enabled and role = 'ADMIN')""").param(oldest(today)).update();
    }

    private static LocalDate oldest(LocalDate today) {
        return today.minusDays(VALID_DAYS);
    }

    private static AdminProposal map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AdminProposal(rs.getString("id"), AdminProposal.Kind.valueOf(rs.getString("kind")),
                rs.getString("target_account_id"), rs.getString("target_name"), rs.getString("proposed_by"),
                rs.getString("proposer_name"), rs.getObject("proposed_on", LocalDate.class));
    }
}
