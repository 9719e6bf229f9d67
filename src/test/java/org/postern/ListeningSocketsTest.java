package org.postern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postern.testing.PosternProcess;
import org.postern.testing.SharedPosternProcess;

/**
 * A running Postern listens on its two ports and nothing else: no database port, no JMX, no debug service.
 * (SecureDrop's audits found an unauthenticated local service; this keeps us from growing one.)
 */
class ListeningSocketsTest {

    @Test
    @ExtendWith(SharedPosternProcess.class)
    void onlyTheTwoSidesListenAndOnlyOnLoopback(PosternProcess server) throws Exception {
        Set<String> listening = listeningSocketsOf(server.pid());
        int source = Integer.parseInt(server.sourceUrl().replaceAll(".*:", ""));
        int console = Integer.parseInt(server.consoleUrl().replaceAll(".*:", ""));
        assertThat(listening).containsExactlyInAnyOrder("127.0.0.1:" + source, "127.0.0.1:" + console);
    }

    /** A bound UDP socket is a listener too: the scan below must see one, as it would in Postern. */
    @Test
    void theScanSeesUdpSocketsToo() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThat(listeningSocketsOf(ProcessHandle.current().pid()))
                    .contains("udp/127.0.0.1:" + udp.getLocalPort());
        }
    }

    /**
     * "address:port" of every TCP socket in LISTEN state that the process holds open, and "udp/address:port" of
     * every UDP socket it holds (a bound UDP socket receives from anyone who can reach it).
     */
    static Set<String> listeningSocketsOf(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor went away while listing.
                }
            }
        }
        Set<String> listening = new HashSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(decode(f[1]));
                }
            }
        }
        for (String table : new String[] {"udp", "udp6"}) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (inodes.contains(f[9])) {
                    listening.add("udp/" + decode(f[1]));
                }
            }
        }
        return listening;
    }

    private static String decode(String hexAddress) {
        String[] parts = hexAddress.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String address = parts[0];
        if (address.startsWith("0000000000000000FFFF0000")) {
            address = address.substring(24); // an IPv4 address on a dual-stack socket
        }
        if (address.length() == 8) {
            long a = Long.parseLong(address, 16);
            return (a & 0xff) + "." + ((a >> 8) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 24) & 0xff) + ":" + port;
        }
        return "[" + address + "]:" + port;
    }
}
