package org.postern.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.config.DayRounding;
import org.postern.config.PosternProperties;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.SubmissionEncryptor;
import org.postern.recipients.RecipientRegistry;
import org.postern.sources.NewSubmission;
import org.postern.sources.SubmissionKind;
import org.postern.sources.SubmissionRepository;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.postern.store.StoreWriteException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Parses a multipart submission as a stream. Each file part flows straight into the OpenPGP encryptor and on
 * into a pending blob; the message field is held in memory only. A request is all or nothing: blobs are
 * published and rows committed only once every part has been read and encrypted.
 */
@Component
public class StreamingSubmissionReceiver {

    private static final int COPY_BUFFER = 1 << 16;
    private static final int MAX_OTHER_FIELD_BYTES = 4096;
    /** Form fields besides the files: the message, and a few a browser or a future form might add. */
    private static final int MAX_FORM_FIELDS = 10;

    public record Receipt(int messages, int files) {
    }

    private final RecipientRegistry recipients;
    private final SubmissionEncryptor encryptor;
    private final BlobStore store;
    private final SubmissionRepository submissions;
    private final PosternProperties.Source limits;
    private final Clock clock;
    private final IntakeGate gate;
    private final UploadSlots slots;

    StreamingSubmissionReceiver(RecipientRegistry recipients, SubmissionEncryptor encryptor, BlobStore store,
            SubmissionRepository submissions, PosternProperties properties, Clock clock, IntakeGate gate,
            UploadSlots slots) {
        this.gate = gate;
        this.slots = slots;
        this.recipients = recipients;
        this.encryptor = encryptor;
        this.store = store;
        this.submissions = submissions;
        this.limits = properties.source();
        this.clock = clock;
    }

    public Receipt receive(HttpServletRequest request, String sourceId) throws SubmissionRejected {
        List<RecipientKey> keys = recipients.activeRecipients();
        if (keys.isEmpty()) {
            throw new SubmissionRejected(HttpStatus.SERVICE_UNAVAILABLE, "reject.notAccepting");
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new SubmissionRejected(HttpStatus.BAD_REQUEST, "reject.badForm");
        }
        long max = limits.maxUploadBytes().toBytes();
        // Part headers and boundaries add a little; a body far above the limit is refused before it is read.
        if (request.getContentLengthLong() > max + 1024L * 1024) {
            throw SubmissionRejected.tooLarge(max);
        }
        Upload upload = new Upload(sourceId, keys, DayRounding.today(clock), max);
        try (UploadSlots.Slot slot = slots.take();
                IntakeGate.Pass pass = gate.admit(sourceId, request.getContentLengthLong())) {
            upload.readAll(request, slot, pass);
            return upload.commit();
        } finally {
            upload.discardUnpublished();
        }
    }

    /** One request's worth of pending blobs. */
    private final class Upload {
        private final String sourceId;
        private final List<RecipientKey> keys;
        private final LocalDate day;
        private final long max;
        private final List<PendingBlob> pending = new ArrayList<>();
        private final List<SubmissionKind> kinds = new ArrayList<>();
        private IntakeGate.Pass pass;
        private long budget;
        private int files;
        private boolean committed;
        /** The request's declared length, or -1: an upper bound on any part's, to size the message's array. */
        private long contentLength = -1;

        Upload(String sourceId, List<RecipientKey> keys, LocalDate day, long max) {
            this.sourceId = sourceId;
            this.keys = keys;
            this.day = day;
            this.max = max;
            this.budget = max;
        }

        void readAll(HttpServletRequest request, UploadSlots.Slot slot, IntakeGate.Pass admitted)
                throws SubmissionRejected {
            this.pass = admitted;
            contentLength = request.getContentLengthLong();
            MultipartParts parts = null;
            try {
                parts = new MultipartParts(request.getContentType(), slot.watch(request.getInputStream()),
                        limits.maxFilesPerSubmission() + MAX_FORM_FIELDS);
                int count = 0;
                for (MultipartParts.Part part; (part = parts.next()) != null;) {
                    // Thousands of tiny parts cost a blob file each before they add up to any size.
                    if (++count > limits.maxFilesPerSubmission() + MAX_FORM_FIELDS) {
                        throw new SubmissionRejected(HttpStatus.BAD_REQUEST, "reject.tooManyParts");
                    }
                    if (part.isFile()) {
                        readFile(part);
                    } else {
                        readField(part);
                    }
                }
            } catch (StoreWriteException e) {
                throw SubmissionRejected.serverCannotAccept(e);
            } catch (IOException | RuntimeException e) {
                StoreWriteException storeFailure = storeFailure(e);
                if (storeFailure != null) {
                    throw SubmissionRejected.serverCannotAccept(storeFailure);
                }
                if (causedBy(e, UploadSlots.TooSlow.class)) {
                    throw SubmissionRejected.busy();
                }
                throw new SubmissionRejected(HttpStatus.BAD_REQUEST, e, "reject.interrupted");
            } finally {
                if (parts != null) {
                    parts.wipe();
                }
            }
            if (kinds.isEmpty()) {
                throw new SubmissionRejected(HttpStatus.BAD_REQUEST, "reject.nothing");
            }
        }

        private void readField(MultipartParts.Part item) throws IOException, SubmissionRejected {
            if (!"message".equals(item.fieldName())) {
                skipBounded(item.content(), MAX_OTHER_FIELD_BYTES,
                        new SubmissionRejected(HttpStatus.BAD_REQUEST, "reject.fieldTooLong"));
                return;
            }
            int limit = (int) Math.min(Math.min(limits.maxMessageBytes().toBytes(), budget), Integer.MAX_VALUE - 16);
            try (MessageText text = MessageText.read(item.content(), limit, contentLength, messageTooLong())) {
                budget -= text.length();
                pass.arriving(text.length());
                if (text.isBlank()) {
                    return;
                }
                PendingBlob blob = newBlob(SubmissionKind.MESSAGE);
                try (OutputStream plain = encryptor.encryptingStream(blob.output(), keys, "message.txt", day)) {
                    text.writeTo(plain);
                }
            }
        }

        private void readFile(MultipartParts.Part item) throws IOException, SubmissionRejected {
            String name = item.fileName();
            PendingBlob blob = newBlob(SubmissionKind.FILE);
            long copied;
            try (InputStream in = item.content();
                    OutputStream plain = encryptor.encryptingStream(blob.output(), keys, name, day)) {
                copied = copyWithinBudget(in, plain);
            }
            if (copied == 0 && (name == null || name.isEmpty())) {
                // A file input left empty still sends a part; it is not a submission.
                pending.remove(pending.size() - 1);
                kinds.remove(kinds.size() - 1);
                blob.discard();
                return;
            }
            if (++files > limits.maxFilesPerSubmission()) {
                throw new SubmissionRejected(HttpStatus.BAD_REQUEST, "reject.tooManyFiles",
                        limits.maxFilesPerSubmission());
            }
        }

        private PendingBlob newBlob(SubmissionKind kind) throws IOException, SubmissionRejected {
            if (!pending.isEmpty()) {
                pass.anotherItem();
            }
            PendingBlob blob = store.create();
            pending.add(blob);
            kinds.add(kind);
            return blob;
        }

        private long copyWithinBudget(InputStream in, OutputStream out) throws IOException, SubmissionRejected {
            byte[] buffer = new byte[COPY_BUFFER];
            long total = 0;
            try {
                // Fewer, larger writes into the cipher, which is where the time goes.
                for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0;) {
                    if (n > budget) {
                        throw SubmissionRejected.tooLarge(max);
                    }
                    budget -= n;
                    pass.arriving(n);
                    out.write(buffer, 0, n);
                    total += n;
                }
                return total;
            } finally {
                java.util.Arrays.fill(buffer, (byte) 0);
            }
        }

        /** Reads and drops a field no one uses, keeping nothing of it. */
        private void skipBounded(InputStream in, long limit, SubmissionRejected tooLong)
                throws IOException, SubmissionRejected {
            byte[] buffer = new byte[8192];
            try {
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0;) {
                    total += n;
                    if (total > limit) {
                        throw tooLong;
                    }
                }
            } finally {
                java.util.Arrays.fill(buffer, (byte) 0);
            }
        }

        private SubmissionRejected messageTooLong() {
            return budget < limits.maxMessageBytes().toBytes() ? SubmissionRejected.tooLarge(max)
                    : new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE, "reject.messageTooLong",
                            new SubmissionRejected.Size(limits.maxMessageBytes().toBytes()));
        }

        Receipt commit() throws SubmissionRejected {
            List<NewSubmission> rows = new ArrayList<>();
            try {
                for (int i = 0; i < pending.size(); i++) {
                    PendingBlob blob = pending.get(i);
                    blob.publish();
                    rows.add(new NewSubmission(kinds.get(i), blob.id(), blob.size(),
                            keys.stream().map(RecipientKey::fingerprint).toList()));
                }
                submissions.recordAll(sourceId, rows);
                committed = true;
            } catch (IOException | RuntimeException e) {
                throw SubmissionRejected.serverCannotAccept(e);
            }
            int messages = (int) kinds.stream().filter(k -> k == SubmissionKind.MESSAGE).count();
            return new Receipt(messages, kinds.size() - messages);
        }

        void discardUnpublished() {
            if (!committed) {
                pending.forEach(PendingBlob::discard);
            }
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static StoreWriteException storeFailure(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StoreWriteException s) {
                    return s;
                }
            }
            return null;
        }
    }
}
