package org.postern.sources;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's working state for a source: status, assignee and labels are shared by everyone; the star is each
 * investigator's own watch list, so one person clearing it never removes another's marker.
 */
@Repository
public class Triage {

    public enum LabelResult { ADDED, ALREADY_THERE, TOO_MANY, NO_SOURCE }

    private final JdbcClient jdbc;

    Triage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TriageState> of(String sourceId, String accountId) {
        List<String> labels = jdbc.sql("select label from source_label where source_id = ? order by label")
                .param(sourceId).query(String.class).list();
        return jdbc.sql("""
                        select s.status, s.assignee_id, a.username,
                          (select count(*) from source_star st
                           where st.source_id = s.id and st.account_id = ?) as starred
                        from source s left join account a on a.id = s.assignee_id
                        where s.id = ?""")
                .params(accountId, sourceId)
                .query((rs, n) -> new TriageState(SourceStatus.parse(rs.getString(1)).orElse(SourceStatus.NEW),
                        rs.getString(2), rs.getString(3), labels, rs.getInt(4) > 0))
                .optional();
    }

    /** Every label in use, for the inbox's filter; bounded, since each source holds only a few. */
    public List<String> allLabels() {
        return jdbc.sql("select distinct label from source_label order by label limit 500").query(String.class).list();
    }

    /** @return false if there is no such source */
    public boolean setStatus(String sourceId, SourceStatus status) {
        return jdbc.sql("update source set status = ? where id = ?").params(status.name(), sourceId).update() == 1;
    }

    /**
     * Assigns the source to an enabled account, or to nobody with a null {@code accountId}.
     *
     * @return false if there is no such source or no such enabled account
     */
    public boolean assign(String sourceId, String accountId) {
        if (accountId == null) {
            return jdbc.sql("update source set assignee_id = null where id = ?").param(sourceId).update() == 1;
        }
        return jdbc.sql("""
                        update source set assignee_id = ?
                        where id = ? and exists (select 1 from account where id = ? and enabled)""")
                .params(accountId, sourceId, accountId).update() == 1;
    }

    /** Adds an already {@link Labels#normalize normalized} label; a source holds a few at most. */
    @Transactional
    public LabelResult addLabel(String sourceId, String label) {
        if (jdbc.sql("select id from source where id = ? for update").param(sourceId).query(String.class)
                .optional().isEmpty()) {
            return LabelResult.NO_SOURCE;
        }
        List<String> existing = jdbc.sql("select label from source_label where source_id = ?").param(sourceId)
                .query(String.class).list();
        if (existing.contains(label)) {
            return LabelResult.ALREADY_THERE;
        }
        if (existing.size() >= Labels.MAX_PER_SOURCE) {
            return LabelResult.TOO_MANY;
        }
        jdbc.sql("insert into source_label (source_id, label) values (?, ?)").params(sourceId, label).update();
        return LabelResult.ADDED;
    }

    public void removeLabel(String sourceId, String label) {
        jdbc.sql("delete from source_label where source_id = ? and label = ?").params(sourceId, label).update();
    }

    public void setStar(String accountId, String sourceId, boolean starred) {
        if (!starred) {
            jdbc.sql("delete from source_star where account_id = ? and source_id = ?").params(accountId, sourceId)
                    .update();
            return;
        }
        try {
            jdbc.sql("""
                            insert into source_star (account_id, source_id)
                            select ?, id from source
                            where id = ?
                              and not exists (select 1 from source_star where account_id = ? and source_id = ?)""")
                    .params(accountId, sourceId, accountId, sourceId).update();
        } catch (DuplicateKeyException twice) {
            // A second click that raced the first: starred either way.
        }
    }
}
