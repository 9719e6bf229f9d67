package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for a child process (Postern, S3Proxy, PostgreSQL, Ceph) to listen on. A port the kernel hands out for
 * {@code bind(0)} lies in the ephemeral range, where any outgoing connection may take it in the seconds before
 * the child binds it. These come from below that range, which the kernel never uses for outgoing connections,
 * and this JVM never hands the same one out twice.
 */
public final class FreePorts {

    private static final int LOWEST = 12_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int EPHEMERAL_LOW = ephemeralLow();

    private FreePorts() {
    }

    /** A loopback port that is free now and that no outgoing connection will take. */
    public static synchronized int forChild() {
        for (int tries = 0; tries < 1_000; tries++) {
            int port = LOWEST + RANDOM.nextInt(EPHEMERAL_LOW - LOWEST);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + EPHEMERAL_LOW);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (32768 unless the host changed it). */
    private static int ephemeralLow() {
        try {
            // readAllLines, not readString: some kernels report a size for /proc files that cuts readString short.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            if (low - LOWEST < 1_000) {
                throw new IllegalStateException("the ephemeral port range starts at " + low
                        + ", too low to leave ports for test servers below it");
            }
            return low;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
