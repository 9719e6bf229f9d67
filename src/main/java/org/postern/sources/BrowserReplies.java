package org.postern.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.postern.audit.AuditActor;
import org.postern.crypto.BrowserEncryptedReply;
import org.postern.crypto.RecipientKey;
import org.postern.recipients.RecipientRegistry;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies that an investigator's browser encrypted: the server never sees their text. It keeps one only when it
 * is addressed to the source's reply key and to every current recipient, so everyone who can read a reply
 * written on the server can read this one too; anything else is refused and nothing is written.
 */
@Service
public class BrowserReplies {

    /** A reply's text is at most 100 KB; an OpenPGP message of it, with a PKESK per recipient, stays far below. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final SourceRepository sources;
    private final ReplyRepository replies;
    private final RecipientRegistry recipients;
    private final BlobStore store;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    BrowserReplies(SourceRepository sources, ReplyRepository replies, RecipientRegistry recipients,
            BlobStore store, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.sources = sources;
        this.replies = replies;
        this.recipients = recipients;
        this.store = store;
    }

    /**
     * @throws BrowserEncryptedReply.Refused when the message is not a well-formed reply to exactly these keys
     * @return the stored reply, or empty when the source is gone, whether before this call or while it ran
     */
    public Optional<Reply> accept(String sourceId, byte[] message, AuditActor by) throws BrowserEncryptedReply.Refused {
        Optional<Source> found = sources.findById(sourceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Source source = found.get();
        if (recipients.activeRecipients().isEmpty()) {
            throw new IllegalStateException("no recipient keys");
        }
        BrowserEncryptedReply reply = BrowserEncryptedReply.check(message, source.replyKey(),
                recipients.activeRecipients(), MAX_MESSAGE_BYTES);
        try (PendingBlob blob = store.create()) {
            blob.output().write(reply.bytes());
            blob.publish();
            try {
                // The reply and its audit entry commit together.
                return Optional.of(tx.execute(status -> {
                    Reply stored = replies.record(sourceId, blob.id(), blob.size(),
                            recipients.activeRecipients().stream().map(RecipientKey::fingerprint).toList());
                    events.publishEvent(new ReplySent(by, source.designation(), stored.seq(), true));
                    return stored;
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
}
