package org.postern.sources;

import java.util.HashSet;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each account has seen. Opening a source's page (or its archive) marks every submission shown as seen,
 * by moving the account's seen-through number for that source; downloading one file marks that one alone.
 * Numbers are never reused (see {@code V4__triage.sql}), so "seen through n" cannot cover a later submission.
 */
@Repository
public class SeenMarks {

    private final JdbcClient jdbc;

    SeenMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The numbers of the source's submissions this account has not seen yet. */
    public Set<Integer> unseen(String accountId, String sourceId) {
        return new HashSet<>(jdbc.sql("""
                        select x.seq from submission x
                        left join source_seen ss on ss.source_id = x.source_id and ss.account_id = ?
                        where x.source_id = ? and x.seq > coalesce(ss.seen_through, 0)
                          and not exists (select 1 from submission_seen y
                                          where y.account_id = ? and y.submission_id = x.id)""")
                .params(accountId, sourceId, accountId).query(Integer.class).list());
    }

    /** Marks every submission of the source numbered up to {@code seq} as seen by the account. */
    public void markSeenThrough(String accountId, String sourceId, int seq) {
        if (seq <= 0) {
            return;
        }
        if (raise(accountId, sourceId, seq) == 0) {
            try {
                jdbc.sql("""
                                insert into source_seen (account_id, source_id, seen_through)
                                select ?, id, ? from source
                                where id = ?
                                  and not exists (select 1 from source_seen where account_id = ? and source_id = ?)""")
                        .params(accountId, seq, sourceId, accountId, sourceId).update();
            } catch (DuplicateKeyException raced) {
                raise(accountId, sourceId, seq);
            }
        }
        // Single marks under the new number say nothing more.
        jdbc.sql("""
                        delete from submission_seen where account_id = ? and submission_id in
                          (select id from submission where source_id = ? and seq <= ?)""")
                .params(accountId, sourceId, seq).update();
    }

    /** Marks one submission as seen by the account. */
    public void markSeen(String accountId, Submission submission) {
        try {
            jdbc.sql("""
                            insert into submission_seen (account_id, submission_id)
                            select ?, x.id from submission x
                            where x.id = ?
                              and not exists (select 1 from submission_seen y
                                              where y.account_id = ? and y.submission_id = x.id)
                              and not exists (select 1 from source_seen ss where ss.account_id = ?
                                              and ss.source_id = x.source_id and ss.seen_through >= x.seq)""")
                    .params(accountId, submission.id(), accountId, accountId).update();
        } catch (DuplicateKeyException raced) {
            // Seen either way.
        }
    }

    private int raise(String accountId, String sourceId, int seq) {
        return jdbc.sql("""
                        update source_seen set seen_through = case when seen_through < ? then ? else seen_through end
                        where account_id = ? and source_id = ?""")
                .params(seq, seq, accountId, sourceId).update();
    }
}
