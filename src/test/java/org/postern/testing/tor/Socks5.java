package org.postern.testing.tor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The few bytes of SOCKS5 (RFC 1928) needed to ask tor, over its unix socket, for a stream to host:port. */
final class Socks5 {

    private Socks5() {
    }

    /** A connected channel, or the reply code tor refused with (see {@link HttpResult}). */
    record Connection(SocketChannel channel, int reply) {
    }

    static Connection connect(Path socksSocket, String host, int port) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socksSocket));
            OutputStream out = ChannelStreams.out(channel);
            DataInputStream in = new DataInputStream(ChannelStreams.in(channel));
            out.write(new byte[] {5, 1, 0});
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 0) {
                throw new IOException("tor refused the SOCKS greeting");
            }
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[7 + name.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) name.length;
            System.arraycopy(name, 0, request, 5, name.length);
            request[5 + name.length] = (byte) (port >> 8);
            request[6 + name.length] = (byte) port;
            out.write(request);
            in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            in.readUnsignedByte();
            int addressType = in.readUnsignedByte();
            int addressLength = switch (addressType) {
                case 1 -> 4;
                case 4 -> 16;
                case 3 -> in.readUnsignedByte();
                default -> throw new IOException("bad SOCKS reply address type " + addressType);
            };
            in.readFully(new byte[addressLength + 2]);
            if (reply != 0) {
                channel.close();
                return new Connection(null, reply);
            }
            return new Connection(channel, 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
