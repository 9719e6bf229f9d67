package org.postern.testing.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tor control connection over its unix socket (no authentication: the socket sits in a 0700 directory). Replies
 * and asynchronous events are read by one thread and sorted into two queues.
 */
final class TorControl implements AutoCloseable {

    private final SocketChannel channel;
    private final Writer out;
    private final BlockingQueue<List<String>> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private TorControl(SocketChannel channel) {
        this.channel = channel;
        this.out = new OutputStreamWriter(ChannelStreams.out(channel), StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::readLoop, "tor-control-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static TorControl connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        TorControl control = new TorControl(channel);
        control.command("AUTHENTICATE");
        return control;
    }

    /** Sends one command and returns its reply lines; fails unless tor answers 250 or 251. */
    synchronized List<String> command(String command) throws IOException {
        out.write(command + "\r\n");
        out.flush();
        List<String> reply;
        try {
            reply = replies.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (reply == null) {
            throw new IOException("tor did not answer " + firstWord(command));
        }
        String last = reply.get(reply.size() - 1);
        if (!last.startsWith("250") && !last.startsWith("251")) {
            throw new IOException("tor refused " + firstWord(command) + ": " + reply);
        }
        return reply;
    }

    /** The next asynchronous event line (code 650), or null after the timeout. */
    String nextEvent(long timeoutMillis) throws InterruptedException {
        return events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ChannelStreams.in(channel),
                StandardCharsets.US_ASCII))) {
            List<String> reply = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("650")) {
                    events.add(line);
                    continue;
                }
                reply.add(line);
                if (line.length() > 3 && line.charAt(3) == ' ') {
                    replies.add(reply);
                    reply = new ArrayList<>();
                }
            }
        } catch (IOException closed) {
            // Connection closed: nothing more to read.
        }
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
