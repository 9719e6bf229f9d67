package org.postern.testing.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.postern.testing.Prerequisites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Tor network on this machine, offline: 3 directory authorities, 4 relays, one tor hosting any number
 * of onion services, and a pool of clients, all inside a loopback-only network namespace (see
 * {@link NetworkNamespace}; root is not needed). Onion services forward to unix sockets, on which a server
 * listens itself or which are bridged to TCP ports of the test JVM; clients are reached through unix sockets too.
 * <p>
 * It starts in two phases: {@link #start} launches the
 * authorities and relays and returns at once, so the caller can start its server meanwhile; {@link #awaitReady}
 * waits for a full consensus, then starts the onion services and the clients. {@link #close} stops every tor it
 * started, by pid, and the namespace with them, whatever happened before.
 */
public final class PrivateTorNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrivateTorNetwork.class);
    private static final int NODES = TorConfigs.AUTHORITIES + TorConfigs.RELAYS;

    private final Path work;
    private final Path tor;
    private final Path empty;
    private final List<String> serviceNames;
    private final int clientCount;
    private final List<String> dirAuthorityLines = new ArrayList<>();
    private final List<TorProcess> processes = new ArrayList<>();
    private final Map<String, UnixSocketBridge> bridges = new LinkedHashMap<>();
    private final List<TorClient> clients = new ArrayList<>();
    private final List<AutoCloseable> controls = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "private-tor-network-teardown");
    private final long startNanos = System.nanoTime();
    private NetworkNamespace namespace;
    private CompletableFuture<Void> phaseOne;
    private TorProcess onionServiceTor;
    private DescriptorUploads uploads;
    private long torStartNanos;
    private int clientsHandedOut;
    private boolean closed;

    private PrivateTorNetwork(Path work, Path tor, List<String> serviceNames, int clientCount) {
        this.work = work;
        this.tor = tor;
        this.empty = work.resolve("empty");
        this.serviceNames = List.copyOf(serviceNames);
        this.clientCount = clientCount;
    }

    /**
     * Makes and checks the namespace, then generates keys and starts the authorities and relays in the
     * background. The onion services' directories exist (mode 0700) when this returns, so a server can be pointed
     * at them, and started, while the relays come up.
     */
    public static PrivateTorNetwork start(List<String> onionServices, int clients) throws IOException {
        Path tor = Prerequisites.program("tor", "tor");
        Prerequisites.program("tor-gencert", "tor");
        // Under /tmp, not the build directory: unix socket paths must stay under ~100 characters.
        Path work = Files.createTempDirectory(Path.of("/tmp"), "ptn-");
        PrivateTorNetwork network = new PrivateTorNetwork(work, tor, onionServices, clients);
        Runtime.getRuntime().addShutdownHook(network.shutdownHook);
        try {
            network.prepare();
            network.phaseOne = CompletableFuture.runAsync(() -> {
                try {
                    network.startRelays();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return network;
        } catch (IOException | RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    private void prepare() throws IOException {
        Files.write(empty, new byte[0]);
        namespace = NetworkNamespace.create();
        for (String name : serviceNames) {
            privateDir(work.resolve("hs").resolve(name));
            privateDir(work.resolve("sock"));
        }
    }

    private void startRelays() throws IOException {
        List<Path> dataDirs = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            dataDirs.add(privateDir(work.resolve(TorConfigs.nickname(i))));
        }
        Path gencert = Prerequisites.program("tor-gencert", "tor");
        List<String> v3idents = parallel(TorConfigs.AUTHORITIES, i -> NodeIdentities.createAuthorityKeys(namespace,
                gencert, dataDirs.get(i), TorConfigs.dirPort(i)));
        List<String> fingerprints = new ArrayList<>();
        for (Path dataDir : dataDirs) {
            fingerprints.add(NodeIdentities.relayIdentity(dataDir));
        }
        dirAuthorityLines.addAll(NodeIdentities.dirAuthorityLines(v3idents, fingerprints));
        Path bandwidth = work.resolve("bandwidth");
        Files.writeString(bandwidth, NodeIdentities.bandwidthFile(fingerprints));
        for (int i = 0; i < NODES; i++) {
            String role = i < TorConfigs.AUTHORITIES ? TorConfigs.authority(i, bandwidth) : TorConfigs.relay(i);
            startTor(TorConfigs.nickname(i), dataDirs.get(i), role);
        }
        log.info("private Tor network: authorities and relays started in {} ms", elapsedMillis());
    }

    /** The onion service's HiddenServiceDir; its {@code hostname} appears once {@link #awaitReady} has run. */
    public Path onionServiceDir(String service) {
        requireService(service);
        return work.resolve("hs").resolve(service);
    }

    /**
     * The unix socket the service's port 80 goes to. A server may listen there itself, as Postern does when
     * deployed; or {@link #forward} bridges it to a TCP port.
     */
    public Path serviceSocket(String service) {
        requireService(service);
        return work.resolve("sock").resolve(service + ".sock");
    }

    /** Sends the service's port-80 connections to {@code 127.0.0.1:port} of this JVM. */
    public synchronized void forward(String service, int port) throws IOException {
        requireService(service);
        UnixSocketBridge bridge = bridges.get(service);
        if (bridge == null) {
            bridge = UnixSocketBridge.listen(serviceSocket(service));
            bridges.put(service, bridge);
        }
        bridge.forwardTo(port);
    }

    /**
     * Phase two: once the authorities agree on every relay, starts the onion-service tor and the clients, and
     * waits until the clients are bootstrapped and every service's descriptors are on the directories.
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            phaseOne.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("authorities and relays did not start within " + timeout);
        }
        ConsensusWait.awaitFullConsensus(processes.subList(0, TorConfigs.AUTHORITIES), NODES, deadline);
        log.info("private Tor network: consensus with all {} relays after {} ms", NODES, elapsedMillis());

        Path hsData = privateDir(work.resolve("hs-tor"));
        Path hsControl = hsData.resolve("control.sock");
        onionServiceTor = startTor("hs-tor", hsData, TorConfigs.onionServices(serviceNames, work.resolve("hs"),
                work.resolve("sock"), hsControl));
        List<Path> clientControls = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            Path data = privateDir(work.resolve("client" + i));
            clientControls.add(data.resolve("control.sock"));
            startTor("client" + i, data, TorConfigs.client(data.resolve("socks.sock"), data.resolve("control.sock")));
        }
        TorControl hs = control(hsControl, onionServiceTor, deadline);
        uploads = DescriptorUploads.follow(hs);
        for (int i = 0; i < clientCount; i++) {
            TorProcess process = processes.get(NODES + 1 + i);
            clients.add(new TorClient(process.name(), process.dataDir().resolve("socks.sock"),
                    control(clientControls.get(i), process, deadline)));
        }
        for (TorProcess p : processes.subList(NODES, processes.size())) {
            p.awaitLog("Bootstrapped 100%", remaining(deadline));
        }
        for (String service : serviceNames) {
            String address = onionAddress(service).replace(".onion", "");
            uploads.awaitSettled(address, new DescriptorUploads.Counts(0, 0, 0), Duration.ofMillis(500),
                    remaining(deadline));
        }
        log.info("private Tor network: onion services published after {} ms", elapsedMillis());
    }

    /** The service's address, {@code <56 base32 chars>.onion}. */
    public String onionAddress(String service) throws IOException {
        return Files.readString(onionServiceDir(service).resolve("hostname"), StandardCharsets.US_ASCII).trim();
    }

    /** A client that has not been handed out before, so it has no cached descriptor, circuit or key. */
    public synchronized TorClient freshClient() {
        if (clientsHandedOut >= clients.size()) {
            throw new IllegalStateException("all " + clients.size() + " clients are used: start the network with "
                    + "more clients");
        }
        return clients.get(clientsHandedOut++);
    }

    /** GET through a fresh client, holding {@code auth} if given. */
    public HttpResult fetch(String onionUrl, Optional<ClientAuth> auth) throws IOException {
        TorClient client = freshClient();
        if (auth.isPresent()) {
            client.addClientAuth(auth.get());
        }
        return client.get(onionUrl);
    }

    /**
     * Sends SIGHUP to the onion-service tor, which re-reads every service's authorized_clients, and waits until
     * the new descriptors of {@code service} are on the directories. Returns how long that took.
     */
    public Duration reloadOnionServices(String service, Duration timeout) throws IOException, InterruptedException {
        String address = onionAddress(service).replace(".onion", "");
        DescriptorUploads.Counts before = uploads.of(address);
        long start = System.nanoTime();
        onionServiceTor.reload();
        uploads.awaitSettled(address, before, Duration.ofMillis(1500), timeout);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Time since {@link #start} began. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Time since the first tor process started (after key generation); zero before that. */
    public synchronized Duration sinceTorStarted() {
        return torStartNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - torStartNanos);
    }

    private TorProcess startTor(String name, Path dataDir, String role) throws IOException {
        Path torrc = dataDir.resolve("torrc");
        Files.writeString(torrc, TorConfigs.common(dataDir, empty, dirAuthorityLines) + role);
        // Under the lock that close() takes, so no tor can start after teardown has begun.
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the network is closed");
            }
            if (torStartNanos == 0) {
                torStartNanos = System.nanoTime();
            }
            TorProcess process = TorProcess.start(namespace, tor, name, dataDir, torrc, empty);
            processes.add(process);
            return process;
        }
    }

    private TorControl control(Path socket, TorProcess process, long deadline)
            throws IOException, InterruptedException {
        while (!Files.exists(socket)) {
            process.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tor '" + process.name() + "' opened no control socket: "
                        + process.logTail());
            }
            Thread.sleep(50);
        }
        TorControl control = TorControl.connect(socket);
        controls.add(control);
        return control;
    }

    private void requireService(String service) {
        if (!serviceNames.contains(service)) {
            throw new IllegalArgumentException("no onion service named " + service);
        }
    }

    private long elapsedMillis() {
        return elapsed().toMillis();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static Path privateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    private interface IndexedTask<T> {
        T run(int index) throws IOException;
    }

    private static <T> List<T> parallel(int count, IndexedTask<T> task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 4));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stops every tor started here (by pid), the namespace holder, the bridges; keeps the logs in target/. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself.
        }
        for (AutoCloseable c : controls) {
            closeQuietly(c);
        }
        for (TorProcess p : processes) {
            p.close();
        }
        for (UnixSocketBridge b : bridges.values()) {
            closeQuietly(b);
        }
        if (namespace != null) {
            namespace.close();
        }
        keepLogs();
        deleteTree(work);
    }

    private void keepLogs() {
        try {
            Path logs = Files.createDirectories(Path.of("target", "tor-logs"));
            for (TorProcess p : processes) {
                Path notice = p.dataDir().resolve("notice.log");
                if (Files.exists(notice)) {
                    Files.copy(notice, logs.resolve(p.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            log.warn("could not keep the tor logs: {}", e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not delete {}: {}", root, e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("while closing: {}", e.getMessage());
        }
    }
}
