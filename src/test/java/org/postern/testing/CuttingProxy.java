package org.postern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that drops connections the way a Tor circuit does: once the bytes sent towards the server
 * pass each given mark, the connection carrying them is reset on both sides, mid-request.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Deque<Long> marks = new ArrayDeque<>();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean closed;

    private CuttingProxy(int targetPort, long... cutMarks) throws IOException {
        this.targetPort = targetPort;
        for (long m : cutMarks) {
            marks.add(m);
        }
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** Forwards to {@code 127.0.0.1:targetPort}, cutting at each mark of bytes sent towards the server. */
    public static CuttingProxy start(int targetPort, long... cutMarks) {
        try {
            return new CuttingProxy(targetPort, cutMarks);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
                start(() -> pump(client, server, true));
                start(() -> pump(server, client, false));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) > 0;) {
                if (towardsServer && passesMark(n)) {
                    out.write(buffer, 0, n / 2);
                    out.flush();
                    reset(from);
                    reset(to);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ended) {
            reset(from);
            reset(to);
        }
    }

    private synchronized boolean passesMark(int n) {
        long total = upstream.addAndGet(n);
        if (!marks.isEmpty() && total >= marks.peekFirst()) {
            marks.pollFirst();
            cuts.incrementAndGet();
            return true;
        }
        return false;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing to do.
        }
    }
}
