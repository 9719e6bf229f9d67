package org.postern.testing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.ReplyKeys;
import org.postern.crypto.SourceSecrets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the database with many sources and submissions, straight into the tables, for listing, filtering and
 * timing the console. The same {@code tag} and {@code seed} give the same rows, so a run can be repeated; the
 * tag keeps ids and designations apart from other seeded or real sources. Blob ids name no file: seeded
 * submissions are for listing and paging, not for downloading.
 */
public final class InboxSeeder {

    private static final String[] STATUSES = {"NEW", "IN_REVIEW", "CLOSED"};
    private static final String[] LABELS = {"finance", "health", "<b>urgent</b>", "legal", "follow-up", "verify"};
    private static final int CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String replyKey;

    public InboxSeeder(PosternTestServer server) {
        this.jdbc = server.bean(JdbcTemplate.class);
        this.tx = new TransactionTemplate(server.bean(PlatformTransactionManager.class));
        try (SourceSecrets secrets = server.bean(CodenameKdf.class)
                .derive(Codename.parse("abacus abdomen abide abiding ability ablaze able"))) {
            this.replyKey = Base64.getEncoder()
                    .encodeToString(server.bean(ReplyKeys.class).publicKey(secrets).encoded());
        }
    }

    /** What was seeded: source ids and designations in the order they were made. */
    public record Seeded(List<String> sourceIds, List<String> designations, int submissions) {
    }

    /**
     * Seeds {@code sources} sources with {@code perSource} submissions each. Every source gets {@code label}
     * (if not null) plus up to two from a fixed set, a random status, and a last activity within the past year
     * (never today).
     */
    public Seeded seed(String tag, int sources, int perSource, String label, long seed) {
        Random random = new Random(seed ^ tag.hashCode());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Object[]> sourceRows = new ArrayList<>();
        List<Object[]> submissionRows = new ArrayList<>();
        List<Object[]> labelRows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> designations = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String id = hex(random);
            String designation = tag + " " + i;
            // Never today, so that sources made through the real flow during a test always sort first.
            LocalDate last = today.minusDays(1 + random.nextInt(365));
            ids.add(id);
            designations.add(designation);
            sourceRows.add(new Object[] {id, hex(random) + hex(random), replyKey, designation, last.minusDays(30), last,
                perSource, STATUSES[random.nextInt(STATUSES.length)], perSource});
            for (int n = 1; n <= perSource; n++) {
                LocalDate received = n == perSource ? last : last.minusDays(random.nextInt(30));
                submissionRows.add(new Object[] {hex(random), id, n, random.nextInt(4) == 0 ? "MESSAGE" : "FILE",
                    hex(random), 1_000L + random.nextInt(50_000_000), received});
            }
            if (label != null) {
                labelRows.add(new Object[] {id, label});
            }
            int extra = random.nextInt(3);
            List<String> chosen = new ArrayList<>();
            for (int k = 0; k < extra; k++) {
                String l = LABELS[random.nextInt(LABELS.length)];
                if (!chosen.contains(l) && !l.equals(label)) {
                    chosen.add(l);
                    labelRows.add(new Object[] {id, l});
                }
            }
        }
        insert("""
                insert into source (id, lookup_id, reply_public_key, designation, created_on, last_activity_on,
                  submission_seq, status, notified_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", sourceRows);
        insert("""
                insert into submission (id, source_id, seq, kind, blob_id, encrypted_size, received_on)
                values (?, ?, ?, ?, ?, ?, ?)""", submissionRows);
        insert("insert into source_label (source_id, label) values (?, ?)", labelRows);
        return new Seeded(ids, designations, submissionRows.size());
    }

    /**
     * Gives each of the sources {@code more} further submissions, numbered on from {@code after}, as if they had
     * kept uploading; what an account had seen of them stays seen. Returns how many were added.
     */
    public int addSubmissions(List<String> sourceIds, int after, int more, long seed) {
        Random random = new Random(seed);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Object[]> submissionRows = new ArrayList<>();
        List<Object[]> sourceRows = new ArrayList<>();
        for (String id : sourceIds) {
            for (int n = after + 1; n <= after + more; n++) {
                submissionRows.add(new Object[] {hex(random), id, n, random.nextInt(4) == 0 ? "MESSAGE" : "FILE",
                    hex(random), 1_000L + random.nextInt(50_000_000), today.minusDays(1 + random.nextInt(365))});
            }
            sourceRows.add(new Object[] {more, more, id});
        }
        insert("""
                insert into submission (id, source_id, seq, kind, blob_id, encrypted_size, received_on)
                values (?, ?, ?, ?, ?, ?, ?)""", submissionRows);
        insert("update source set submission_seq = submission_seq + ?, notified_seq = notified_seq + ? where id = ?",
                sourceRows);
        insert("update source_seen set seen_through = seen_through + ? where source_id = ?",
                sourceIds.stream().map(id -> new Object[] {more, id}).toList());
        return submissionRows.size();
    }

    /** Marks every submission of the given sources as seen by the account, as opening their pages would. */
    public void markSeen(String accountId, List<String> sourceIds) {
        insert("""
                insert into source_seen (account_id, source_id, seen_through)
                select ?, id, submission_seq from source where id = ?""",
                sourceIds.stream().map(id -> new Object[] {accountId, id}).toList());
    }

    private void insert(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            tx.executeWithoutResult(status -> jdbc.batchUpdate(sql, chunk));
        }
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
