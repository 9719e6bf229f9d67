package org.postern.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a step of a message's encryption beside the thread that writes the message. Bytes written are copied into
 * a few reused 64 KiB buffers; each full one goes to the step on a helper thread, chained after the one before, so
 * the step sees every byte once and in order. The writer waits only when every buffer is in flight, and then for
 * the oldest one alone. A failure in the step fails the next write or {@link #drain()}, and every one after it.
 * The buffers are zeroed once the message is drained or abandoned: they held plaintext.
 */
final class BufferHandOff extends OutputStream {

    /** One step over the bytes, in order; it may change the buffer, which is reused once it returns. */
    interface Step {
        void accept(byte[] buffer, int length) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int BUFFERS = 4;

    private final Executor helpers;
    private final Step step;
    /** Buffers handed over, oldest first; each future completes with its buffer once the step is done with it. */
    private final Deque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private final Deque<byte[]> free = new ArrayDeque<>();
    private CompletableFuture<byte[]> last = CompletableFuture.completedFuture(null);
    private byte[] current = new byte[BUFFER_BYTES];
    private int filled;
    private int buffers = 1;
    private IOException failure;

    BufferHandOff(Executor helpers, Step step) {
        this.helpers = helpers;
        this.step = step;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        failIfFailed();
        while (len > 0) {
            int n = Math.min(len, BUFFER_BYTES - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BUFFER_BYTES) {
                handOver();
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Waits until the step has seen every full buffer, then runs it on the bytes left over here, on the caller's
     * thread: a message shorter than one buffer never waits for a hand-over.
     */
    void drain() throws IOException {
        failIfFailed();
        awaitInFlight();
        if (filled > 0) {
            int n = filled;
            filled = 0;
            step.accept(current, n);
        }
        wipe();
    }

    /** Waits for the buffers in flight and ignores their failure: for a message that is being abandoned. */
    void settle() {
        try {
            awaitInFlight();
        } catch (IOException alreadyReported) {
            // The writer saw this failure, or is abandoning the message for another.
            for (CompletableFuture<byte[]> done; (done = inFlight.poll()) != null;) {
                byte[] buffer = done.exceptionally(failed -> null).join();
                if (buffer != null) {
                    free.add(buffer);
                }
            }
        }
        filled = 0;
        wipe();
    }

    private void wipe() {
        Arrays.fill(current, (byte) 0);
        for (byte[] buffer : free) {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private void handOver() throws IOException {
        byte[] full = current;
        last = last.thenApplyAsync(previous -> {
            try {
                step.accept(full, full.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return full;
        }, helpers);
        inFlight.add(last);
        filled = 0;
        current = free.poll();
        if (current == null && buffers < BUFFERS) {
            current = new byte[BUFFER_BYTES];
            buffers++;
        }
        if (current == null) {
            // The oldest buffer comes back first; waiting for it alone keeps the others busy.
            current = join(inFlight.poll());
        }
    }

    private void awaitInFlight() throws IOException {
        join(last);
        for (CompletableFuture<byte[]> done; (done = inFlight.poll()) != null;) {
            free.add(done.join());
        }
    }

    /** join() also makes the helpers' work visible to this thread. */
    private byte[] join(CompletableFuture<byte[]> buffer) throws IOException {
        try {
            return buffer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause()
                    : e.getCause();
            // The step's own exception, so that callers can tell a full disk from a broken connection.
            failure = cause instanceof IOException io ? io : new IOException("a step of the encryption failed", cause);
            throw failure;
        }
    }

    private void failIfFailed() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
