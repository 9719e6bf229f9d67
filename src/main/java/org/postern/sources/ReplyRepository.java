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
public class ReplyRepository {

    private final JdbcClient jdbc;
    private final RandomIds ids;
    private final Clock clock;

    ReplyRepository(JdbcClient jdbc, RandomIds ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public Reply record(String sourceId, BlobId blobId, long encryptedSize) {
        return record(sourceId, blobId, encryptedSize, List.of());
    }

    /** Records a stored reply and the fingerprints of the recipient keys it was encrypted to. */
    @Transactional
    public Reply record(String sourceId, BlobId blobId, long encryptedSize, List<String> fingerprints) {
        LocalDate today = DayRounding.today(clock);
        // Locks the source row; numbers come from its counter, so a deleted reply's number is never reused.
        int seq = jdbc.sql("select reply_seq + 1 from source where id = ? for update").param(sourceId)
                .query(Integer.class).single();
        jdbc.sql("update source set reply_seq = ? where id = ?").params(seq, sourceId).update();
        Reply reply = new Reply(ids.next(), sourceId, seq, blobId, encryptedSize, today);
        jdbc.sql("insert into reply (id, source_id, seq, blob_id, encrypted_size, sent_on) values (?, ?, ?, ?, ?, ?)")
                .params(reply.id(), sourceId, seq, blobId.value(), encryptedSize, today).update();
        for (String fingerprint : fingerprints) {
            jdbc.sql("insert into reply_key (reply_id, fingerprint) values (?, ?)").params(reply.id(), fingerprint)
                    .update();
        }
        return reply;
    }

    /** The source's {@code seq}-th reply, if it has one: numbers belong to their source. */
    public Optional<Reply> find(String sourceId, int seq) {
        return jdbc.sql("select * from reply where source_id = ? and seq = ?").params(sourceId, seq)
                .query(ReplyRepository::map).optional();
    }

    public List<Reply> findBySource(String sourceId) {
        return jdbc.sql("select * from reply where source_id = ? order by seq").param(sourceId)
                .query(ReplyRepository::map).list();
    }

    static Reply map(ResultSet rs, int row) throws SQLException {
        return new Reply(rs.getString("id"), rs.getString("source_id"), rs.getInt("seq"),
                new BlobId(rs.getString("blob_id")), rs.getLong("encrypted_size"),
                rs.getObject("sent_on", LocalDate.class));
    }
}
