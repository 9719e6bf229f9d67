package org.postern.sources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;

import org.postern.config.DayRounding;
import org.postern.crypto.RandomIds;
import org.postern.crypto.ReplyPublicKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SourceRepository {

    private static final int DESIGNATION_TRIES = 20;

    private final JdbcClient jdbc;
    private final RandomIds ids;
    private final DesignationGenerator designations;
    private final Clock clock;

    SourceRepository(JdbcClient jdbc, RandomIds ids, DesignationGenerator designations, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.designations = designations;
        this.clock = clock;
    }

    public Source create(String lookupId, ReplyPublicKey replyKey) {
        LocalDate today = DayRounding.today(clock);
        for (int attempt = 0; ; attempt++) {
            Source source = new Source(ids.next(), designations.next(), replyKey, today, today);
            try {
                jdbc.sql("""
                        insert into source (id, lookup_id, reply_public_key, designation, created_on, last_activity_on)
                        values (?, ?, ?, ?, ?, ?)""")
                        .params(source.id(), lookupId, Base64.getEncoder().encodeToString(replyKey.encoded()),
                                source.designation(), today, today)
                        .update();
                return source;
            } catch (DuplicateKeyException clash) {
                if (findByLookupId(lookupId).isPresent() || attempt >= DESIGNATION_TRIES) {
                    throw clash;
                }
            }
        }
    }

    public Optional<Source> findByLookupId(String lookupId) {
        return jdbc.sql("select * from source where lookup_id = ?").param(lookupId).query(SourceRepository::map)
                .optional();
    }

    public Optional<Source> findById(String id) {
        return jdbc.sql("select * from source where id = ?").param(id).query(SourceRepository::map).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from source").query(Long.class).single();
    }

    void touch(String sourceId, LocalDate day) {
        jdbc.sql("update source set last_activity_on = ? where id = ?").params(day, sourceId).update();
    }

    static Source map(ResultSet rs, int row) throws SQLException {
        return new Source(rs.getString("id"), rs.getString("designation"),
                ReplyPublicKey.fromStored(Base64.getDecoder().decode(rs.getString("reply_public_key"))),
                rs.getObject("created_on", LocalDate.class), rs.getObject("last_activity_on", LocalDate.class));
    }
}
