package org.postern.testing.tor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postern.testing.Prerequisites;

/**
 * A network namespace with nothing but {@code lo}, held open by one small process. It is made with
 * {@code unshare --user --map-root-user --net}, which needs no root, so the same code runs for root and for an
 * ordinary user; processes join it with {@code nsenter}. The holder reads its stdin, so it exits when the test
 * JVM dies, and the namespace goes once its last process has.
 */
final class NetworkNamespace implements AutoCloseable {

    private final Process holder;
    private final Path nsenter;
    private final String netNamespace;

    private NetworkNamespace(Process holder, Path nsenter) throws IOException {
        this.holder = holder;
        this.nsenter = nsenter;
        this.netNamespace = netNamespaceOf(holder.pid());
    }

    static NetworkNamespace create() throws IOException {
        Path unshare = Prerequisites.program("unshare", "util-linux");
        Path nsenter = Prerequisites.program("nsenter", "util-linux");
        Path ip = Prerequisites.program("ip", "iproute2");
        Process holder = new ProcessBuilder(unshare.toString(), "--user", "--map-root-user", "--net", "sh", "-c",
                ip + " link set lo up && echo ready && exec cat >/dev/null").redirectErrorStream(true).start();
        NetworkNamespace ns = null;
        try {
            String first = readLine(holder.getInputStream());
            if (!"ready".equals(first)) {
                throw new IOException("could not create a network namespace with 'unshare --user --map-root-user "
                        + "--net' (are unprivileged user namespaces disabled? kernel.unprivileged_userns_clone): "
                        + first);
            }
            ns = new NetworkNamespace(holder, nsenter);
            ns.verifyLoopbackOnly(ip);
            return ns;
        } catch (IOException | RuntimeException | Error e) {
            holder.destroyForcibly();
            throw e;
        }
    }

    /**
     * A command that runs inside the namespace. nsenter joins it, then a shell checks, in the same process and
     * before anything else runs, that it really is inside, and execs the program; the pid stays the same.
     */
    ProcessBuilder command(List<String> command) {
        List<String> full = new ArrayList<>(List.of(nsenter.toString(), "--target", Long.toString(holder.pid()),
                "--user", "--net", "--preserve-credentials", "sh", "-c",
                "[ \"$(readlink /proc/self/ns/net)\" = \"$0\" ] || { echo 'not in the test namespace' >&2; exit 97; }; "
                        + "exec \"$@\"", netNamespace));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /**
     * Checks from outside, once the process has become {@code program}, that it runs in this namespace: a tor
     * outside it could reach the real network.
     */
    void requireInside(long pid, String program) throws IOException, InterruptedException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!program.equals(Files.readString(comm).trim())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + pid + " did not become " + program);
            }
            Thread.sleep(10);
        }
        String actual = netNamespaceOf(pid);
        if (!netNamespace.equals(actual)) {
            throw new IllegalStateException("process " + pid + " is in " + actual + ", not in the test namespace "
                    + netNamespace);
        }
    }

    private void verifyLoopbackOnly(Path ip) throws IOException {
        if (netNamespace.equals(netNamespaceOf(ProcessHandle.current().pid()))) {
            throw new IllegalStateException("the holder shares the test JVM's network namespace");
        }
        List<String> interfaces = new ArrayList<>();
        for (String line : Files.readAllLines(procNet("dev"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                interfaces.add(line.substring(0, colon).trim());
            }
        }
        if (!interfaces.equals(List.of("lo"))) {
            throw new IllegalStateException("the test namespace must have only lo, but has " + interfaces);
        }
        List<String> ipv4Routes = Files.readAllLines(procNet("route"));
        if (ipv4Routes.size() > 1) {
            throw new IllegalStateException("the test namespace must have no IPv4 routes: " + ipv4Routes);
        }
        for (String route : Files.readAllLines(procNet("ipv6_route"))) {
            if (!route.trim().endsWith(" lo")) {
                throw new IllegalStateException("the test namespace has an IPv6 route off lo: " + route);
            }
        }
        String links = run(List.of(ip.toString(), "-o", "link", "show"));
        if (links.lines().count() != 1 || !links.startsWith("1: lo: <LOOPBACK,UP")) {
            throw new IllegalStateException("the test namespace's links are not just a working lo: " + links);
        }
    }

    private Path procNet(String file) {
        return Path.of("/proc", Long.toString(holder.pid()), "net", file);
    }

    /** Runs a short command inside the namespace and returns its output; fails on a non-zero exit. */
    String run(List<String> command) throws IOException {
        Process p = command(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed inside the namespace: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String netNamespaceOf(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() {
        try (OutputStream stdin = holder.getOutputStream()) {
            stdin.flush();
        } catch (IOException ignored) {
            // The holder is going anyway.
        }
        holder.destroy();
        try {
            if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            holder.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
