package org.postern.recipients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postern.crypto.Fingerprints;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Which keys each stored submission and reply of a source was encrypted to, named for the console. */
@Service
public class BlobRecipients {

    private static final String COLUMNS = "select x.seq, b.fingerprint, r.recovery, r.status, r.origin, r.user_ids,"
            + " coalesce(o.username, f.username) as owner_name";
    private static final String NAMES = " left join recipient_key r on r.fingerprint = b.fingerprint"
            + " left join account o on o.id = r.account_id left join account f on f.id = r.retired_owner_id"
            + " where x.source_id = ? order by x.seq, r.recovery, owner_name, b.fingerprint";
    private static final String OF_SUBMISSIONS = COLUMNS
            + " from submission x join submission_key b on b.submission_id = x.id" + NAMES;
    private static final String OF_REPLIES = COLUMNS + " from reply x join reply_key b on b.reply_id = x.id" + NAMES;

    private final JdbcClient jdbc;

    BlobRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One key a blob was encrypted to. {@code label} names its owner, or says it is the recovery key. */
    public record Holder(String fingerprint, String label, boolean recovery, boolean retired) {
        public String groupedFingerprint() {
            return Fingerprints.grouped(fingerprint);
        }
    }

    /** For each submission number of the source, the keys it was encrypted to. */
    public Map<Integer, List<Holder>> ofSubmissions(String sourceId) {
        return holders(OF_SUBMISSIONS, sourceId);
    }

    /** For each reply number of the source, the recipient keys it was encrypted to (the source's own key aside). */
    public Map<Integer, List<Holder>> ofReplies(String sourceId) {
        return holders(OF_REPLIES, sourceId);
    }

    /** The account's approved key: the one it opens new files with. */
    public Optional<String> currentKeyOf(String accountId) {
        return jdbc.sql("select fingerprint from recipient_key where account_id = ? and status = 'APPROVED'")
                .param(accountId).query(String.class).optional();
    }

    private Map<Integer, List<Holder>> holders(String sql, String sourceId) {
        Map<Integer, List<Holder>> bySeq = new LinkedHashMap<>();
        jdbc.sql(sql).param(sourceId).query(rs -> {
            String fingerprint = rs.getString("fingerprint");
            boolean known = rs.getString("status") != null;
            boolean recovery = known && rs.getBoolean("recovery");
            String owner = rs.getString("owner_name");
            String label;
            if (!known) {
                label = "a key no longer on record";
            } else if (recovery) {
                label = "the organisation recovery key";
            } else if (owner != null) {
                label = owner;
            } else {
                String ids = rs.getString("user_ids");
                label = "operator key " + (ids == null || ids.isEmpty() ? "" : ids.split("\n")[0]);
            }
            boolean retired = known && KeyStatus.RETIRED.name().equals(rs.getString("status"));
            bySeq.computeIfAbsent(rs.getInt("seq"), s -> new java.util.ArrayList<>())
                    .add(new Holder(fingerprint, label.strip(), recovery, retired));
        });
        return bySeq;
    }
}
