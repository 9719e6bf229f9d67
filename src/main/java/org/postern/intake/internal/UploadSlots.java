package org.postern.intake.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * A fixed number of slots for uploads that stream a body (a form submission, a resumable piece), and a minimum
 * data rate for each. Behind Tor every connection comes from the same address, so there is nothing to limit by
 * but behaviour: a connection that trickles bytes to hold a request thread is stopped once a rate window passes
 * below the minimum, and when every slot is taken a newcomer takes the slot of the slowest upload that has
 * averaged below the minimum. A newcomer that finds no such upload gets the "busy, try again shortly" page at once.
 */
@Component
public class UploadSlots {

    /** A new upload cannot be pushed out before it has had this long to show its rate. */
    static final long EVICTABLE_AFTER_NANOS = 5_000_000_000L;

    private final int max;
    private final long minBytesPerSecond;
    private final long windowNanos;
    /** Guarded by {@code this}. */
    private final List<Slot> taken = new ArrayList<>();

    UploadSlots(PosternProperties properties) {
        PosternProperties.Uploads limits = properties.uploads();
        this.max = limits.maxConcurrent();
        this.minBytesPerSecond = limits.minRate().toBytes();
        this.windowNanos = limits.rateWindow().toNanos();
    }

    /** A slot for one streaming body, or the busy refusal when every slot is held by an upload at a fair rate. */
    public Slot take() throws SubmissionRejected {
        long now = System.nanoTime();
        synchronized (this) {
            if (taken.size() >= max) {
                Slot slowest = taken.stream().filter(s -> s.evictable(now))
                        .min(Comparator.comparingDouble(s -> s.rate(now))).orElseThrow(SubmissionRejected::busy);
                slowest.evicted = true;
                taken.remove(slowest);
            }
            Slot slot = new Slot(now);
            taken.add(slot);
            return slot;
        }
    }

    /** How many slots are held, for tests. */
    public synchronized int held() {
        return taken.size();
    }

    /** Thrown by a watched body that is too slow, or whose slot a newcomer took. */
    public static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(String why) {
            super(why);
        }
    }

    /** One upload's slot: it counts what arrives and stops the upload when it is too slow. */
    public final class Slot implements AutoCloseable {
        private final long started;
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean evicted;
        private long waited;
        private long windowBytes;

        Slot(long now) {
            this.started = now;
        }

        boolean evictable(long now) {
            return now - started >= EVICTABLE_AFTER_NANOS && rate(now) < minBytesPerSecond;
        }

        double rate(long now) {
            return bytes.get() * 1e9 / Math.max(1, now - started);
        }

        /** The body, read through this slot's rate check. */
        public InputStream watch(InputStream body) {
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    checkEvicted();
                    long start = System.nanoTime();
                    int n = super.read(b, off, len);
                    arrived(Math.max(0, n), System.nanoTime() - start);
                    checkEvicted();
                    return n;
                }
            };
        }

        /** Judges the rate over time spent waiting for the client only, not time spent encrypting and writing. */
        private void arrived(int n, long waitedNanos) throws TooSlow {
            bytes.addAndGet(n);
            windowBytes += n;
            waited += waitedNanos;
            if (waited >= windowNanos) {
                if (windowBytes * 1e9 < (double) minBytesPerSecond * waited) {
                    throw new TooSlow("slower than the minimum rate");
                }
                waited = 0;
                windowBytes = 0;
            }
        }

        private void checkEvicted() throws TooSlow {
            if (evicted) {
                throw new TooSlow("its slot went to another upload");
            }
        }

        @Override
        public void close() {
            synchronized (UploadSlots.this) {
                taken.remove(this);
            }
        }
    }
}
