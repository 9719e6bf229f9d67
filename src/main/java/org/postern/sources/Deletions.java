package org.postern.sources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.postern.audit.AuditActor;
import org.postern.recipients.RecipientRegistry;
import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting a submission, or a source with everything of theirs. Rows go in one transaction; blobs go after it
 * commits, so a crash in between leaves only blobs no row names, which {@link StoreRecovery} removes at the
 * next start. The reverse order could leave rows pointing at nothing.
 */
@Service
public class Deletions {

    private static final Logger log = LoggerFactory.getLogger(Deletions.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BlobStore store;
    private final AtomicInteger repliesDeletedBySources = new AtomicInteger();

    private final RecipientRegistry recipients;
    private final ApplicationEventPublisher events;

    Deletions(JdbcClient jdbc, PlatformTransactionManager transactions, BlobStore store,
            RecipientRegistry recipients, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.store = store;
        this.recipients = recipients;
    }

    /** @return false if the source has no submission with that number */
    public boolean deleteSubmission(String sourceId, int seq, AuditActor by) {
        Optional<BlobId> blob = tx.execute(status -> {
            Optional<String> found = jdbc.sql("select blob_id from submission where source_id = ? and seq = ?")
                    .params(sourceId, seq).query(String.class).optional();
            found.ifPresent(b -> {
                jdbc.sql("delete from submission where source_id = ? and seq = ?").params(sourceId, seq).update();
                events.publishEvent(new SubmissionDeleted(by, designation(sourceId), seq));
            });
            return found.map(BlobId::new);
        });
        blob.ifPresent(b -> removeBlobs(List.of(b)));
        return blob.isPresent();
    }

    /**
     * A source deletes one of its own replies, after reading it. Only a count is kept, and only until the next
     * hourly audit entry: a log line per deletion would time a source's action.
     *
     * @return false if the source has no such reply
     */
    public boolean deleteReplyBySource(String sourceId, String replyId) {
        Optional<BlobId> blob = tx.execute(status -> {
            Optional<String> found = jdbc.sql("select blob_id from reply where source_id = ? and id = ?")
                    .params(sourceId, replyId).query(String.class).optional();
            found.ifPresent(b -> jdbc.sql("delete from reply where source_id = ? and id = ?")
                    .params(sourceId, replyId).update());
            return found.map(BlobId::new);
        });
        blob.ifPresent(b -> {
            removeBlobs(List.of(b));
            repliesDeletedBySources.incrementAndGet();
        });
        return blob.isPresent();
    }

    /** How many replies sources deleted since the last call. */
    public int takeRepliesDeletedBySources() {
        return repliesDeletedBySources.getAndSet(0);
    }

    /** Deletes the source, its submissions, replies and triage state, then their blobs. */
    public boolean deleteSource(String sourceId, AuditActor by) {
        List<BlobId> blobs = tx.execute(status -> {
            // The lock makes an upload or reply that is committing right now either finish first (and be
            // listed here) or find no source and discard its own blobs.
            Optional<String> designation = jdbc.sql("select designation from source where id = ? for update")
                    .param(sourceId).query(String.class).optional();
            if (designation.isEmpty()) {
                return null;
            }
            List<BlobId> found = new ArrayList<>();
            jdbc.sql("select blob_id from submission where source_id = ?"
                            + " union all select blob_id from reply where source_id = ?")
                    .params(sourceId, sourceId).query(String.class).list().forEach(b -> found.add(new BlobId(b)));
            jdbc.sql("delete from source where id = ?").param(sourceId).update();
            events.publishEvent(new SourceDeleted(by, designation.get()));
            return found;
        });
        if (blobs == null) {
            return false;
        }
        removeBlobs(blobs);
        return true;
    }

    private String designation(String sourceId) {
        return jdbc.sql("select designation from source where id = ?").param(sourceId).query(String.class).single();
    }

    /** Removes blobs whose rows are already gone. A failure leaves an orphan for startup recovery. */
    void removeBlobs(Collection<BlobId> blobs) {
        // A retired key's record goes with the last blob that needed it, audited as it goes.
        recipients.forgetUnneededRetired();
        int failed = 0;
        for (BlobId blob : blobs) {
            try {
                store.delete(blob);
            } catch (IOException | RuntimeException e) {
                failed++;
            }
        }
        if (failed > 0) {
            // Counts only: a blob id would tie this log line to a source's files.
            log.warn("{} of {} deleted files could not be removed from the store; the next start removes them",
                    failed, blobs.size());
        }
    }
}
