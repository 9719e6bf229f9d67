package org.postern.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;

import org.postern.config.DayRounding;
import org.postern.config.PosternProperties;
import org.postern.crypto.RandomIds;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.SubmissionEncryptor;
import org.postern.recipients.RecipientRegistry;
import org.postern.sources.NewSubmission;
import org.postern.sources.SubmissionKind;
import org.postern.sources.SubmissionRepository;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Uploads that arrive in pieces (the tus protocol). Each upload keeps its OpenPGP stream open between requests:
 * the session key, cipher and integrity state and any partial block live only in this object, and the
 * ciphertext so far is a pending blob. Nothing here survives a restart, so an unfinished upload then cannot be
 * finished; startup recovery deletes its partial ciphertext. An upload idle past the expiry is dropped the same
 * way. When the last byte arrives the file becomes a submission exactly as a form upload does.
 */
@Component
public class ResumableUploads {

    private static final int COPY_BUFFER = 1 << 16;

    /** What a client may learn of an upload: how far it got, how long it is, and until when it is kept. */
    public record Status(String id, long offset, long length, Instant expires, boolean complete) {
    }

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final RecipientRegistry recipients;
    private final SubmissionEncryptor encryptor;
    private final BlobStore store;
    private final SubmissionRepository submissions;
    private final IntakeGate gate;
    private final UploadSlots slots;
    private final RandomIds ids;
    private final PosternProperties.Resumable settings;
    private final Clock clock;
    private final ScheduledExecutorService sweeper;

    ResumableUploads(RecipientRegistry recipients, SubmissionEncryptor encryptor, BlobStore store,
            SubmissionRepository submissions, IntakeGate gate, UploadSlots slots, RandomIds ids,
            PosternProperties properties, Clock clock) {
        this.slots = slots;
        this.recipients = recipients;
        this.encryptor = encryptor;
        this.store = store;
        this.submissions = submissions;
        this.gate = gate;
        this.ids = ids;
        this.settings = properties.resumable();
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "postern-upload-expiry");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, Math.min(60_000, settings.expiry().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::dropExpired, every, every, TimeUnit.MILLISECONDS);
    }

    public long maxLength() {
        return settings.maxUploadBytes().toBytes();
    }

    /** Starts an upload of {@code length} bytes; nothing is written until its first piece arrives. */
    public Status create(String sourceId, long length, String fileName) throws SubmissionRejected {
        if (length > maxLength()) {
            throw SubmissionRejected.tooLarge(maxLength());
        }
        List<RecipientKey> keys = recipients.activeRecipients();
        if (keys.isEmpty()) {
            throw new SubmissionRejected(HttpStatus.SERVICE_UNAVAILABLE, "reject.notAccepting");
        }
        long open = uploads.values().stream().filter(u -> !u.complete && u.belongsTo(sourceId)).count();
        if (open >= settings.maxOpenPerSource()) {
            throw new SubmissionRejected(HttpStatus.TOO_MANY_REQUESTS, "reject.resumable.tooManyOpen",
                    settings.maxOpenPerSource());
        }
        IntakeGate.Pass pass = gate.admit(sourceId, length);
        PendingBlob blob = null;
        try {
            blob = store.create();
            OutputStream plain = encryptor.encryptingStream(blob.output(), keys, fileName,
                    DayRounding.today(clock));
            Upload upload = new Upload(ids.next(), sourceId, length, blob, plain,
                    keys.stream().map(RecipientKey::fingerprint).toList(), pass, clock.instant());
            uploads.put(upload.id, upload);
            if (length == 0) {
                upload.lock.lock();
                try {
                    finish(upload);
                } finally {
                    upload.lock.unlock();
                }
            }
            return upload.status();
        } catch (IOException | RuntimeException e) {
            pass.close();
            if (blob != null) {
                blob.discard();
            }
            throw SubmissionRejected.serverCannotAccept(e);
        }
    }

    /** The upload's status, if it exists and belongs to this source; another source's looks like a missing one. */
    public Optional<Status> status(String sourceId, String id) {
        return find(sourceId, id).map(Upload::status);
    }

    /**
     * Appends one piece. The piece must start where the upload stands; a piece that would pass the declared
     * length is refused before anything is written. If the client goes away mid-piece, the bytes that arrived
     * are kept and the client resumes from the offset a status request reports.
     *
     * @param declared the piece's Content-Length, or -1 if it was sent chunked
     */
    public Status append(String sourceId, String id, long offset, long declared, InputStream body)
            throws SubmissionRejected {
        Upload upload = find(sourceId, id).orElseThrow(ResumableUploads::notFound);
        if (!upload.lock.tryLock()) {
            throw new SubmissionRejected(HttpStatus.LOCKED, "reject.resumable.busy");
        }
        try {
            if (upload.dropped) {
                throw notFound();
            }
            if (offset != upload.offset.get()) {
                throw new SubmissionRejected(HttpStatus.CONFLICT, "reject.resumable.wrongOffset");
            }
            long remaining = upload.length - upload.offset.get();
            if (declared > remaining) {
                throw new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE, "reject.resumable.pastLength");
            }
            if (upload.complete) {
                return upload.status();
            }
            try (UploadSlots.Slot slot = slots.take()) {
                copy(upload, slot.watch(body), remaining);
            }
            if (upload.offset.get() == upload.length) {
                finish(upload);
            }
            return upload.status();
        } finally {
            upload.touch(clock.instant());
            if (upload.dropped) {
                upload.release();
            }
            upload.lock.unlock();
        }
    }

    /** Drops an upload and its partial ciphertext; false if there was none for this source. */
    public boolean terminate(String sourceId, String id) {
        Optional<Upload> upload = find(sourceId, id);
        upload.ifPresent(this::drop);
        return upload.isPresent();
    }

    /** How many uploads are open, for tests and the seized-server check. */
    public int openCount() {
        return (int) uploads.values().stream().filter(u -> !u.complete).count();
    }

    private void copy(Upload upload, InputStream body, long remaining) throws SubmissionRejected {
        byte[] buffer = new byte[COPY_BUFFER];
        while (true) {
            int n;
            try {
                n = body.read(buffer, 0, (int) Math.min(buffer.length, remaining + 1));
            } catch (UploadSlots.TooSlow slow) {
                // What arrived is kept; the client resumes from there, as after a dropped connection.
                throw SubmissionRejected.busy();
            } catch (IOException clientGone) {
                // The connection dropped: keep what arrived, the client resumes from here.
                return;
            }
            if (n < 0) {
                return;
            }
            if (n > remaining) {
                // Only a chunked body can get here; what was written cannot be taken back.
                drop(upload);
                throw new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE, "reject.resumable.pastLengthStopped");
            }
            if (upload.dropped) {
                throw notFound();
            }
            try {
                upload.pass.arriving(n);
                upload.plain.write(buffer, 0, n);
            } catch (IOException | RuntimeException e) {
                drop(upload);
                throw SubmissionRejected.serverCannotAccept(e);
            } catch (SubmissionRejected refused) {
                drop(upload);
                throw refused;
            }
            upload.offset.addAndGet(n);
            remaining -= n;
            // A single long piece over a slow circuit is activity too.
            upload.touch(clock.instant());
        }
    }

    /** Ends the OpenPGP message, publishes it, and records it as the source's submission. Caller holds the lock. */
    private void finish(Upload upload) throws SubmissionRejected {
        try {
            upload.plain.close();
            upload.blob.publish();
            submissions.recordAll(upload.sourceId,
                    List.of(new NewSubmission(SubmissionKind.FILE, upload.blob.id(), upload.blob.size(),
                            upload.recipients)));
        } catch (IOException | RuntimeException e) {
            drop(upload);
            throw SubmissionRejected.serverCannotAccept(e);
        }
        upload.complete = true;
        upload.pass.close();
    }

    /** Forgets an upload at once; its resources go now, or when the piece being written lets go of them. */
    private void drop(Upload upload) {
        uploads.remove(upload.id, upload);
        upload.dropped = true;
        if (upload.lock.tryLock()) {
            try {
                upload.release();
            } finally {
                upload.lock.unlock();
            }
        }
    }

    void dropExpired() {
        Instant now = clock.instant();
        for (Upload upload : uploads.values()) {
            // A piece being written is activity, however long it takes.
            if (now.isAfter(upload.expires()) && !upload.lock.isLocked()) {
                if (upload.complete) {
                    uploads.remove(upload.id, upload);
                } else {
                    drop(upload);
                }
            }
        }
    }

    private Optional<Upload> find(String sourceId, String id) {
        Upload upload = id == null ? null : uploads.get(id);
        if (upload == null || !upload.belongsTo(sourceId)) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(upload.expires()) && !upload.lock.isLocked()) {
            drop(upload);
            return Optional.empty();
        }
        return Optional.of(upload);
    }

    private static SubmissionRejected notFound() {
        return new SubmissionRejected(HttpStatus.NOT_FOUND, "reject.resumable.noSuchUpload");
    }

    @PreDestroy
    void dropAll() {
        sweeper.shutdownNow();
        uploads.values().forEach(this::drop);
    }

    private final class Upload {
        final String id;
        final String sourceId;
        final long length;
        final PendingBlob blob;
        final OutputStream plain;
        /** The keys this upload is encrypted to, recorded with its row. */
        final List<String> recipients;
        final IntakeGate.Pass pass;
        final ReentrantLock lock = new ReentrantLock();
        /** Written under the lock; read without it by status requests. */
        final AtomicLong offset = new AtomicLong();
        volatile Instant lastActive;
        volatile boolean complete;
        volatile boolean dropped;
        private boolean released;

        Upload(String id, String sourceId, long length, PendingBlob blob, OutputStream plain, List<String> recipients,
                IntakeGate.Pass pass, Instant now) {
            this.id = id;
            this.sourceId = sourceId;
            this.length = length;
            this.blob = blob;
            this.plain = plain;
            this.recipients = recipients;
            this.pass = pass;
            this.lastActive = now;
        }

        boolean belongsTo(String source) {
            return MessageDigest.isEqual(sourceId.getBytes(StandardCharsets.UTF_8),
                    source.getBytes(StandardCharsets.UTF_8));
        }

        void touch(Instant now) {
            lastActive = now;
        }

        Instant expires() {
            return lastActive.plus(settings.expiry());
        }

        Status status() {
            return new Status(id, offset.get(), length, expires(), complete);
        }

        /** Ends the cipher's helper threads and deletes the partial ciphertext; runs once, under the lock. */
        void release() {
            if (released || complete) {
                return;
            }
            released = true;
            try {
                plain.close();
            } catch (IOException | RuntimeException ignored) {
                // The message is abandoned; its blob goes next.
            }
            blob.discard();
            pass.close();
        }
    }
}
