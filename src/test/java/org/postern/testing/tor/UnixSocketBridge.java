package org.postern.testing.tor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Carries an onion service's connections from its unix socket (which tor, inside the namespace, connects to) to
 * a TCP port on the test JVM's loopback, outside the namespace. One daemon thread per direction per connection.
 */
final class UnixSocketBridge implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private volatile int targetPort;

    private UnixSocketBridge(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    static UnixSocketBridge listen(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        UnixSocketBridge bridge = new UnixSocketBridge(server, socket);
        daemon("bridge-accept-" + socket.getFileName(), bridge::acceptLoop);
        return bridge;
    }

    /** Where connections go from now on; until set, they are closed at once. */
    void forwardTo(int port) {
        this.targetPort = port;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel from;
            try {
                from = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                if (targetPort == 0) {
                    from.close();
                    continue;
                }
                Socket to = new Socket();
                to.connect(new InetSocketAddress("127.0.0.1", targetPort), 5000);
                pump(ChannelStreams.in(from), to.getOutputStream(), from, to);
                pump(to.getInputStream(), ChannelStreams.out(from), from, to);
            } catch (IOException e) {
                closeQuietly(from, null);
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, SocketChannel a, Socket b) {
        daemon("bridge-pump", () -> {
            byte[] buffer = new byte[16384];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side went away: take the other down with it.
            } finally {
                closeQuietly(a, b);
            }
        });
    }

    private static void closeQuietly(SocketChannel a, Socket b) {
        try {
            a.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        if (b != null) {
            try {
                b.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
