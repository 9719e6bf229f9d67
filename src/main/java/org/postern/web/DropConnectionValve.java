package org.postern.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.InputBuffer;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * Keeps a request body that trickles from holding a request thread. Behind Tor every connection comes from one
 * address, so the only thing to judge is the rate: every read of a body, by the application or by Tomcat's own
 * form parsing, fails once a whole window of waiting for the client has brought less than the minimum rate. After the response, what
 * is left of a body is read only while it arrives at that rate, and a request the application marked (a "busy"
 * refusal) is not read further at all: the connection closes once the response is written. Tomcat would
 * otherwise read the rest at any speed, so that the client sees the page.
 */
public final class DropConnectionValve extends ValveBase {

    /** Request attribute: set it (to anything) to close the connection once the response is written. */
    public static final String ATTRIBUTE = DropConnectionValve.class.getName();

    /** After a refusal, the rest of a body must keep coming at the minimum rate over windows this short. */
    private static final long DRAIN_WINDOW_NANOS = 2_000_000_000L;

    private final long minBytesPerSecond;
    private final long windowNanos;
    private final long maxDrainBytes;

    public DropConnectionValve(long minBytesPerSecond, Duration window, long maxDrainBytes) {
        super(true);
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = window.toNanos();
        this.maxDrainBytes = maxDrainBytes;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        InputBuffer original = coyote.getInputBuffer();
        coyote.setInputBuffer(new Paced(original, windowNanos));
        try {
            getNext().invoke(request, response);
        } finally {
            coyote.setInputBuffer(original);
            if (request.getAttribute(ATTRIBUTE) != null || !drainBriskly(coyote)) {
                coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }

    /** Reads what is left of the body while it keeps the minimum rate; false if it did not. */
    private boolean drainBriskly(org.apache.coyote.Request coyote) {
        long length;
        try {
            length = coyote.getContentLengthLong();
        } catch (RuntimeException unparseable) {
            // Tomcat has refused this request already (two lengths, say); it closes the connection itself.
            return true;
        }
        boolean chunked = length < 0 && coyote.getMimeHeaders().getHeader("transfer-encoding") != null;
        if (!chunked && (length <= 0 || coyote.getBytesRead() >= length)) {
            return true;
        }
        if (!chunked && length - coyote.getBytesRead() > maxDrainBytes) {
            // More than would ever be read: close now rather than wait for a body that may never come.
            return false;
        }
        Paced drain = new Paced(coyote.getInputBuffer(), DRAIN_WINDOW_NANOS);
        Discard sink = new Discard();
        long drained = 0;
        try {
            for (int n; (n = drain.doRead(sink)) >= 0;) {
                drained += n;
                if (drained > maxDrainBytes) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException slowOrGone) {
            return false;
        }
    }

    /**
     * A body reader that fails once a whole window of waiting for the client passes below the minimum rate. Only
     * time spent waiting in a read counts: time the application spends between reads is not the client's.
     */
    private final class Paced implements InputBuffer {
        private final InputBuffer in;
        private final long window;
        private long waited;
        private long windowBytes;

        Paced(InputBuffer in, long window) {
            this.in = in;
            this.window = window;
        }

        @Override
        public int doRead(ApplicationBufferHandler handler) throws IOException {
            long start = System.nanoTime();
            int n = in.doRead(handler);
            waited += System.nanoTime() - start;
            if (n > 0) {
                windowBytes += n;
            }
            if (n >= 0 && waited >= window) {
                if (windowBytes * 1e9 < (double) minBytesPerSecond * waited) {
                    throw new IOException("request body slower than the minimum rate");
                }
                waited = 0;
                windowBytes = 0;
            }
            return n;
        }

        @Override
        public int available() {
            return in.available();
        }
    }

    private static final class Discard implements ApplicationBufferHandler {
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        @Override
        public void setByteBuffer(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public void expand(int size) {
        }
    }
}
