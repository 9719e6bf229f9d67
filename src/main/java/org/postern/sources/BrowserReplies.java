package org.postern.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.postern.crypto.BrowserEncryptedReply;
import org.postern.crypto.RecipientKey;
import org.postern.keys.RecipientRegistry;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

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

    BrowserReplies(SourceRepository sources, ReplyRepository replies, RecipientRegistry recipients,
            BlobStore store) {
        this.sources = sources;
        this.replies = replies;
        this.recipients = recipients;
        this.store = store;
    }

    /**
     * @throws BrowserEncryptedReply.Refused when the message is not a well-formed reply to exactly these keys
     * @return the stored reply, or empty when the source is gone, whether before this call or while it ran
     */
    public Optional<Reply> accept(String sourceId, byte[] message) throws BrowserEncryptedReply.Refused {
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
                return Optional.of(replies.record(sourceId, blob.id(), blob.size(),
                        recipients.activeRecipients().stream().map(RecipientKey::fingerprint).toList()));
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
