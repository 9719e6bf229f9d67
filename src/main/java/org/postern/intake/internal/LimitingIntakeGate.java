package org.postern.intake.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.util.HashMap;
import java.util.Map;

import org.postern.config.PosternProperties;
import org.postern.sources.SubmissionRepository;
import org.postern.store.BlobStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Per-source daily quotas and the disk reserve, for form and resumable uploads alike. Today's totals come from
 * the submission rows, whose dates are kept to the day; uploads in flight are counted here, in memory only, so
 * nothing about when a source acts is written anywhere.
 */
@Component
class LimitingIntakeGate implements IntakeGate {

    /** Free space is looked at again after this much has arrived: often enough, and a system call each time. */
    private static final long SPACE_CHECK_EVERY = 1L << 20;

    private final SubmissionRepository submissions;
    private final PosternProperties.Uploads limits;
    private final BlobStore store;
    /** Per source: its uploads in flight. Guarded by {@code this}. */
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Bytes uploads in flight have declared but not sent yet: the space they will still need. */
    private long promisedBytes;
    private volatile FileStore fileStore;

    LimitingIntakeGate(SubmissionRepository submissions, PosternProperties properties, BlobStore store) {
        this.submissions = submissions;
        this.limits = properties.uploads();
        this.store = store;
    }

    @Override
    public Pass admit(String sourceId, long declaredBytes) throws SubmissionRejected {
        long declared = Math.max(0, declaredBytes);
        SubmissionRepository.DayTotal today = submissions.today(sourceId);
        synchronized (this) {
            InFlight flying = inFlight.computeIfAbsent(sourceId, id -> new InFlight());
            try {
                if (today.submissions() + flying.items + 1 > limits.submissionsPerSourcePerDay()) {
                    throw tooManySubmissions();
                }
                if (today.bytes() + flying.bytes + declared > limits.bytesPerSourcePerDay().toBytes()) {
                    throw tooManyBytes();
                }
                checkSpace(promisedBytes + declared);
            } catch (SubmissionRejected refused) {
                if (flying.items == 0) {
                    inFlight.remove(sourceId);
                }
                throw refused;
            }
            flying.items++;
            flying.bytes += declared;
            promisedBytes += declared;
            return new Held(sourceId, today, declared);
        }
    }

    /** Refuses when free space, less {@code stillNeeded}, would be under the reserve. */
    private void checkSpace(long stillNeeded) throws SubmissionRejected {
        long usable;
        long total;
        try {
            FileStore fs = fileStore;
            if (fs == null) {
                java.util.Optional<FileStore> local = store.localFileStore();
                if (local.isEmpty()) {
                    // An object store's capacity is its operator's to watch; an outage there is refused as such.
                    return;
                }
                fs = local.get();
                fileStore = fs;
            }
            usable = fs.getUsableSpace();
            total = fs.getTotalSpace();
        } catch (IOException e) {
            throw SubmissionRejected.serverCannotAccept(e);
        }
        if (usable - stillNeeded < limits.reserveBytes(total)) {
            throw new SubmissionRejected(HttpStatus.INSUFFICIENT_STORAGE, "reject.diskReserve");
        }
    }

    private SubmissionRejected tooManySubmissions() {
        return new SubmissionRejected(HttpStatus.TOO_MANY_REQUESTS, "reject.quota.submissions",
                limits.submissionsPerSourcePerDay());
    }

    private SubmissionRejected tooManyBytes() {
        return new SubmissionRejected(HttpStatus.TOO_MANY_REQUESTS, "reject.quota.bytes",
                new SubmissionRejected.Size(limits.bytesPerSourcePerDay().toBytes()));
    }

    private static final class InFlight {
        long items;
        long bytes;
    }

    private synchronized void anotherItem(Held held) throws SubmissionRejected {
        InFlight flying = inFlight.get(held.sourceId);
        if (held.closed || flying == null) {
            return;
        }
        if (held.today.submissions() + flying.items + 1 > limits.submissionsPerSourcePerDay()) {
            throw tooManySubmissions();
        }
        flying.items++;
        held.items++;
    }

    /** Counts bytes that arrived; true when it is time to look at free space again. */
    private synchronized boolean arriving(Held held, long bytes) throws SubmissionRejected {
        InFlight flying = inFlight.get(held.sourceId);
        if (held.closed || flying == null) {
            return false;
        }
        long promisedBefore = Math.max(0, held.reserved - held.arrived);
        long arrived = held.arrived + bytes;
        if (arrived > held.reserved) {
            // An upload that did not say its size (or said less) reserves as it goes.
            long more = arrived - held.reserved;
            if (held.today.bytes() + flying.bytes + more > limits.bytesPerSourcePerDay().toBytes()) {
                throw tooManyBytes();
            }
            flying.bytes += more;
            held.reserved = arrived;
        }
        held.arrived = arrived;
        promisedBytes -= promisedBefore - Math.max(0, held.reserved - arrived);
        if (arrived >= held.nextSpaceCheck) {
            held.nextSpaceCheck = arrived + SPACE_CHECK_EVERY;
            return true;
        }
        return false;
    }

    private synchronized void release(Held held) {
        if (held.closed) {
            return;
        }
        held.closed = true;
        promisedBytes -= Math.max(0, held.reserved - held.arrived);
        InFlight flying = inFlight.get(held.sourceId);
        if (flying != null) {
            flying.items -= held.items;
            flying.bytes -= held.reserved;
            if (flying.items <= 0) {
                inFlight.remove(held.sourceId);
            }
        }
    }

    /** One upload in flight: what it reserved, and what has arrived. Its counts change only under the gate's lock. */
    private final class Held implements Pass {
        private final String sourceId;
        private final SubmissionRepository.DayTotal today;
        private long items = 1;
        private long reserved;
        private long arrived;
        private long nextSpaceCheck = SPACE_CHECK_EVERY;
        private boolean closed;

        Held(String sourceId, SubmissionRepository.DayTotal today, long reserved) {
            this.sourceId = sourceId;
            this.today = today;
            this.reserved = reserved;
        }

        @Override
        public void anotherItem() throws SubmissionRejected {
            LimitingIntakeGate.this.anotherItem(this);
        }

        @Override
        public void arriving(long bytes) throws SubmissionRejected {
            if (LimitingIntakeGate.this.arriving(this, bytes)) {
                checkSpace(0);
            }
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
