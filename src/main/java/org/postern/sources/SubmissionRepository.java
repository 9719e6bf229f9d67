package org.postern.sources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.postern.config.DayRounding;
import org.postern.crypto.RandomIds;
import org.postern.store.BlobId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class SubmissionRepository {

    private final JdbcClient jdbc;
    private final RandomIds ids;
    private final SourceRepository sources;
    private final Clock clock;

    SubmissionRepository(JdbcClient jdbc, RandomIds ids, SourceRepository sources, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.sources = sources;
        this.clock = clock;
    }

    /** Records published blobs as one unit, numbered after the source's earlier submissions. */
    @Transactional
    public List<Submission> recordAll(String sourceId, List<NewSubmission> items) {
        LocalDate today = DayRounding.today(clock);
        // Locks the source row, so concurrent uploads from one source cannot take the same numbers. Numbers come
        // from the source's counter, never max(seq): a deleted submission's number is never given out again.
        int seq = jdbc.sql("select submission_seq from source where id = ? for update").param(sourceId)
                .query(Integer.class).single();
        List<Submission> recorded = new java.util.ArrayList<>();
        for (NewSubmission item : items) {
            Submission s = new Submission(ids.next(), sourceId, ++seq, item.kind(), item.blobId(),
                    item.encryptedSize(), today);
            jdbc.sql("""
                    insert into submission (id, source_id, seq, kind, blob_id, encrypted_size, received_on)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(s.id(), s.sourceId(), s.seq(), s.kind().name(), s.blobId().value(), s.encryptedSize(),
                            today)
                    .update();
            for (String fingerprint : item.fingerprints()) {
                jdbc.sql("insert into submission_key (submission_id, fingerprint) values (?, ?)")
                        .params(s.id(), fingerprint).update();
            }
            recorded.add(s);
        }
        jdbc.sql("update source set submission_seq = ? where id = ?").params(seq, sourceId).update();
        sources.touch(sourceId, today);
        return recorded;
    }

    /** How many submissions a source made on one day, and their stored size. */
    public record DayTotal(long submissions, long bytes) {
    }

    /** The source's submissions recorded today (UTC); dates are kept to the day, so this is all there is. */
    public DayTotal today(String sourceId) {
        return jdbc.sql("select count(*), coalesce(sum(encrypted_size), 0) from submission "
                + "where source_id = ? and received_on = ?").params(sourceId, DayRounding.today(clock))
                .query((rs, row) -> new DayTotal(rs.getLong(1), rs.getLong(2))).single();
    }

    /** The source's {@code seq}-th submission, if it has one: numbers belong to their source. */
    public Optional<Submission> find(String sourceId, int seq) {
        return jdbc.sql("select * from submission where source_id = ? and seq = ?").params(sourceId, seq)
                .query(SubmissionRepository::map).optional();
    }

    public List<Submission> findBySource(String sourceId) {
        return jdbc.sql("select * from submission where source_id = ? order by seq").param(sourceId)
                .query(SubmissionRepository::map).list();
    }

    /** Every submission, oldest source first; for tests and small installs only. */
    public List<Submission> findAll() {
        return jdbc.sql("select * from submission order by source_id, seq").query(SubmissionRepository::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from submission").query(Long.class).single();
    }

    static Submission map(ResultSet rs, int row) throws SQLException {
        return new Submission(rs.getString("id"), rs.getString("source_id"), rs.getInt("seq"),
                SubmissionKind.valueOf(rs.getString("kind")), new BlobId(rs.getString("blob_id")),
                rs.getLong("encrypted_size"), rs.getObject("received_on", LocalDate.class));
    }
}
