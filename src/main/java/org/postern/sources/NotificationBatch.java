package org.postern.sources;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts submissions that arrived since the last notification run. Each source remembers the number it was
 * counted up to, so nothing is counted twice, and a submission deleted before the run is not counted at all.
 * No time is stored.
 */
@Repository
public class NotificationBatch {

    private final JdbcClient jdbc;

    NotificationBatch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many submissions arrived since the previous call; they count as notified from now on. */
    @Transactional
    public int takeNewSubmissions() {
        // Locks only the rows it counts: an upload to one of them waits, any other lands in the next batch.
        List<Mark> marks = jdbc.sql("select id, submission_seq, notified_seq from source "
                        + "where submission_seq > notified_seq for update")
                .query((rs, n) -> new Mark(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
        int count = 0;
        for (Mark mark : marks) {
            count += jdbc.sql("select count(*) from submission where source_id = ? and seq > ? and seq <= ?")
                    .params(mark.sourceId(), mark.notified(), mark.latest()).query(Integer.class).single();
            jdbc.sql("update source set notified_seq = ? where id = ?").params(mark.latest(), mark.sourceId())
                    .update();
        }
        return count;
    }

    private record Mark(String sourceId, int latest, int notified) {
    }
}
