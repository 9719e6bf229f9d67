package org.postern.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postern.audit.AuditActor;
import org.postern.config.DayRounding;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.ReplyEncryptor;
import org.postern.crypto.SourceReplyKey;
import org.postern.recipients.RecipientRegistry;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an investigator's reply: encrypted at once to the source's reply key and to every recipient, so only
 * ciphertext is stored. A source that no longer exists cannot be replied to. Reads a source's replies back for
 * that source alone, with the reply key its login re-derived.
 */
@Service
public class ReplyService {

    private final SourceRepository sources;
    private final ReplyRepository replies;
    private final RecipientRegistry recipients;
    private final ReplyEncryptor encryptor;
    private final BlobStore store;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    ReplyService(SourceRepository sources, ReplyRepository replies, RecipientRegistry recipients,
            ReplyEncryptor encryptor, BlobStore store, Clock clock, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.sources = sources;
        this.replies = replies;
        this.recipients = recipients;
        this.encryptor = encryptor;
        this.store = store;
        this.clock = clock;
    }

    /** The stored reply, or empty when the source is gone, whether before this call or while it ran. */
    public Optional<Reply> send(String sourceId, String text, AuditActor by) {
        Optional<Source> found = sources.findById(sourceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Source source = found.get();
        List<RecipientKey> keys = recipients.activeRecipients();
        if (keys.isEmpty()) {
            // Investigators could not read their own reply; refuse rather than write what only the source opens.
            throw new IllegalStateException("no recipient keys");
        }
        byte[] ciphertext = encryptor.encrypt(text, source.replyKey(), keys, DayRounding.today(clock));
        try (PendingBlob blob = store.create()) {
            blob.output().write(ciphertext);
            blob.publish();
            try {
                // The reply and its audit entry commit together.
                return Optional.of(tx.execute(status -> {
                    Reply reply = replies.record(sourceId, blob.id(), blob.size(),
                            keys.stream().map(RecipientKey::fingerprint).toList());
                    events.publishEvent(new ReplySent(by, source.designation(), reply.seq(), false));
                    return reply;
                }));
            } catch (EmptyResultDataAccessException deleted) {
                blob.discard();
                return Optional.empty();
            } catch (RuntimeException e) {
                blob.discard();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reply", e);
        }
    }

    /**
     * A logged-in source's replies, oldest first, each decrypted in memory. A reply whose blob cannot be read
     * comes back without text, so that the page can say so and the others still show.
     */
    public List<ReadReply> readAll(String sourceId, SourceReplyKey key) {
        List<ReadReply> read = new ArrayList<>();
        for (Reply reply : replies.findBySource(sourceId)) {
            try (InputStream in = store.open(reply.blobId())) {
                read.add(new ReadReply(reply.id(), reply.sentOn(), key.decryptReply(in)));
            } catch (IOException e) {
                // Not logged: a log line here would time this source's visit.
                read.add(new ReadReply(reply.id(), reply.sentOn(), null));
            }
        }
        return read;
    }
}
