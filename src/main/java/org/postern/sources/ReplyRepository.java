package org.postern.sources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.postern.config.DayRounding;
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

    @Transactional
    public Reply record(String sourceId, BlobId blobId, long encryptedSize) {
        LocalDate today = DayRounding.today(clock);
        jdbc.sql("select id from source where id = ? for update").param(sourceId).query(String.class).single();
        int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from reply where source_id = ?").param(sourceId)
                .query(Integer.class).single();
        Reply reply = new Reply(ids.next(), sourceId, seq, blobId, encryptedSize, today);
        jdbc.sql("insert into reply (id, source_id, seq, blob_id, encrypted_size, sent_on) values (?, ?, ?, ?, ?, ?)")
                .params(reply.id(), sourceId, seq, blobId.value(), encryptedSize, today).update();
        return reply;
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
