package org.postern.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** What a side does with its Unix domain socket path before it listens there. */
final class UnixSockets {

    private UnixSockets() {
    }

    /**
     * Removes a socket left behind by a process that died without closing it, so that a restart can bind again.
     * Anything else at the path (a file, a directory, a socket someone still answers on) stops start-up instead.
     */
    static void clearStale(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                throw new IllegalStateException("Refusing to listen on " + socket + ": something other than a "
                        + "socket is there");
            }
            if (answers(socket)) {
                throw new IllegalStateException("Refusing to listen on " + socket + ": another process listens "
                        + "there");
            }
            Files.delete(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the stale socket " + socket, e);
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
