package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.FileSystemUtils;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ceph's RADOS gateway for tests: a one-node cluster (one monitor, one OSD on the in-memory {@code memstore}
 * backend, no manager) and {@code radosgw} on loopback, as child processes of the test JVM in a new directory, as
 * the current user. Pools have one replica; cephx is off (the cluster listens on 127.0.0.1 only and lives as
 * long as the test class); S3 requests are still signed with the keys of an RGW user made at start. {@link #close()}
 * stops every process and deletes the directory. Ceph's daemons come from Debian's {@code ceph-mon},
 * {@code ceph-osd} and {@code radosgw} packages; without them {@link #start()} fails naming what is missing.
 */
public final class CephRgw implements S3TestServer {

    /** Every program used, each with the Debian package that installs it. */
    private static final Map<String, String> PROGRAMS = Map.of("ceph-authtool", "ceph-common", "monmaptool",
            "ceph-base", "ceph-mon", "ceph-mon", "ceph", "ceph-common", "ceph-osd", "ceph-osd", "radosgw", "radosgw",
            "radosgw-admin", "radosgw", "rados", "ceph-common");
    private static final String DATA_POOL = "default.rgw.buckets.data";
    /** Where RGW keeps each open multipart upload's record. */
    private static final String UPLOADS_POOL = "default.rgw.buckets.non-ec";
    private static final Pattern MARKER = Pattern.compile("\"marker\"\\s*:\\s*\"([^\"]+)\"");

    private final Path base;
    private final Path conf;
    private final String fsid = UUID.randomUUID().toString();
    private final String monAddress;
    private final int rgwPort;
    private final String bucket = "postern-" + UUID.randomUUID().toString().substring(0, 8);
    private final String accessKey = "POSTERNTEST" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 9).toUpperCase(java.util.Locale.ROOT);
    private final String secretKey = "postern-test-secret-" + UUID.randomUUID();
    private final Map<String, String> markers = new HashMap<>();
    private final List<Process> daemons = new ArrayList<>();
    private Process gateway;
    private Duration startup;

    private CephRgw(Path base, int monPort, int rgwPort) throws IOException {
        this.base = base;
        this.conf = base.resolve("ceph.conf");
        this.monAddress = "[v2:127.0.0.1:" + monPort + "]";
        this.rgwPort = rgwPort;
        for (String dir : List.of("mon", "osd", "run", "log", "rgw")) {
            Files.createDirectories(base.resolve(dir));
        }
        Files.writeString(conf, String.join("\n",
                "[global]",
                "fsid = " + fsid,
                "mon host = " + monAddress,
                "ms bind msgr1 = false",
                "auth cluster required = none",
                "auth service required = none",
                "auth client required = none",
                // Without cephx there is no session key for "secure" connections; radosgw then retries the
                // monitor every 3 s for minutes before it falls back.
                "ms mon client mode = crc",
                "ms mon cluster mode = crc",
                "ms mon service mode = crc",
                "ms client mode = crc",
                "ms cluster mode = crc",
                "ms service mode = crc",
                "run dir = " + base.resolve("run"),
                "admin socket = " + base.resolve("run") + "/$name.asok",
                "log file = " + base.resolve("log") + "/$name.log",
                "pid file = " + base.resolve("run") + "/$name.pid",
                "keyring = " + base.resolve("keyring"),
                "mon data = " + base.resolve("mon"),
                "osd data = " + base.resolve("osd"),
                "osd objectstore = memstore",
                "memstore device bytes = " + (2L << 30),
                "osd pool default size = 1",
                "osd pool default min size = 1",
                "osd pool default pg num = 8",
                "osd pool default pgp num = 8",
                "mon allow pool size one = true",
                "mon warn on pool no redundancy = false",
                "osd crush chooseleaf type = 0",
                "rgw frontends = beast endpoint=127.0.0.1:" + rgwPort,
                "rgw data = " + base.resolve("rgw"),
                ""));
    }

    /** Starts a fresh cluster and gateway with one empty bucket, in a new directory under target/test-data. */
    public static CephRgw start() {
        requirePrograms();
        long started = System.nanoTime();
        CephRgw ceph = null;
        try {
            Path root = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
            ceph = new CephRgw(Files.createTempDirectory(root, "ceph"), FreePorts.forChild(),
                    FreePorts.forChild());
            ceph.bootstrap();
            ceph.startup = Duration.ofNanos(System.nanoTime() - started);
            return ceph;
        } catch (IOException e) {
            closeQuietly(ceph);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(ceph);
            throw e;
        }
    }

    private static void requirePrograms() {
        List<String> missing = new ArrayList<>();
        PROGRAMS.forEach((program, debianPackage) -> {
            try {
                Prerequisites.program(program, debianPackage);
            } catch (AssertionError notInstalled) {
                missing.add(program + " (Debian package " + debianPackage + ")");
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("-D" + PROPERTY + "=ceph runs the S3 tests against Ceph RGW, which needs "
                    + "programs that are not installed: " + String.join(", ", missing) + ". Install them with: "
                    + "apt-get install ceph-mon ceph-osd radosgw (CI does not: it runs these tests on S3Proxy).");
        }
    }

    private static void closeQuietly(CephRgw ceph) {
        if (ceph != null) {
            ceph.close();
        }
    }

    private void bootstrap() {
        run("ceph-authtool", "--create-keyring", base.resolve("keyring").toString(), "--gen-key", "-n", "mon.",
                "--cap", "mon", "allow *");
        run("monmaptool", "--create", "--fsid", fsid, "--addv", "a", monAddress, base.resolve("monmap").toString());
        run("ceph-mon", "--conf", conf.toString(), "--mkfs", "-i", "a", "--monmap", base.resolve("monmap")
                .toString());
        daemon("mon", "ceph-mon", "--conf", conf.toString(), "-i", "a", "-f");
        String osdUuid = UUID.randomUUID().toString();
        String osd = run("ceph", "--conf", conf.toString(), "osd", "new", osdUuid).strip();
        run("ceph-osd", "--conf", conf.toString(), "-i", osd, "--mkfs", "--osd-uuid", osdUuid);
        daemon("osd", "ceph-osd", "--conf", conf.toString(), "-i", osd, "-f");
        restart();
        run("radosgw-admin", "--conf", conf.toString(), "user", "create", "--uid=postern", "--display-name=postern",
                "--access-key=" + accessKey, "--secret-key=" + secretKey);
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** How long the cluster and gateway took from nothing to a user and a bucket. */
    public Duration startup() {
        return startup;
    }

    /** Resident memory of the monitor, OSD and gateway together, in KiB, read from /proc. */
    public long residentKib() throws IOException {
        long total = 0;
        List<Process> all = new ArrayList<>(daemons);
        if (gateway != null && gateway.isAlive()) {
            all.add(gateway);
        }
        for (Process p : all) {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return total;
    }

    @Override
    public String name() {
        return "Ceph RGW";
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + rgwPort;
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String secretKey() {
        return secretKey;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** Kills radosgw (SIGKILL); the cluster, and so everything stored, stays. */
    @Override
    public void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
            waitFor(gateway);
        }
    }

    /** Starts radosgw (again) on the same port and cluster, and waits until it answers S3. */
    @Override
    public void restart() {
        if (gateway != null && gateway.isAlive()) {
            return;
        }
        gateway = launch("rgw", "radosgw", "--conf", conf.toString(), "-n", "client.rgw.postern", "-f");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("radosgw exited with " + gateway.exitValue() + ": "
                        + tail(base.resolve("log").resolve("rgw.out")) + " (logs in " + base.resolve("log") + ")");
            }
            if (answersAsS3()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("radosgw did not answer within 120 s; logs in " + base.resolve("log"));
    }

    /**
     * The RADOS objects of {@code bucket} (in the data pool, and the multipart uploads' records in the "non-ec"
     * pool), after RGW's garbage collector has run: RGW deletes the data of deleted objects and aborted uploads only
     * when its collector runs (by default two hours later).
     */
    @Override
    public List<String> storedNames(String bucket) throws IOException {
        run("radosgw-admin", "--conf", conf.toString(), "gc", "process", "--include-all");
        String prefix = marker(bucket) + "_";
        List<String> pools = List.of(run("rados", "--conf", conf.toString(), "lspools").split("\n"));
        List<String> names = new ArrayList<>();
        for (String pool : List.of(DATA_POOL, UPLOADS_POOL)) {
            if (!pools.contains(pool)) {
                continue;
            }
            for (String name : run("rados", "--conf", conf.toString(), "-p", pool, "ls").split("\n")) {
                if (name.startsWith(prefix)) {
                    names.add(name.substring(prefix.length()));
                }
            }
        }
        return names;
    }

    /** RADOS objects named after no published object: parts of unfinished uploads, their metadata, orphans. */
    @Override
    public List<String> storedBeside(String bucket, Set<String> objects) throws IOException {
        return storedNames(bucket).stream().filter(name -> objects.stream().noneMatch(name::contains)).toList();
    }

    /**
     * Deletes the RADOS objects of parts that radosgw was still receiving when it was killed, and says how many
     * parts they were. RGW records a part in its upload only once the part is complete; the data of a torn part is
     * written already, belongs to nothing, and is left behind by an abort and by the garbage collector alike.
     */
    @Override
    public int removeTornWrites() throws IOException {
        String prefix = marker(bucket) + "_";
        List<String> stored = storedNames(bucket);
        Set<String> torn = new java.util.HashSet<>();
        try (S3Client client = client()) {
            for (var upload : client.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()) {
                Set<Integer> recorded = new java.util.HashSet<>();
                client.listPartsPaginator(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                        .parts().forEach(part -> recorded.add(part.partNumber()));
                String tail = upload.key() + "." + upload.uploadId() + ".";
                for (String name : stored) {
                    String rest = name.startsWith("_multipart_" + tail) ? name.substring(11 + tail.length())
                            : name.startsWith("_shadow_" + tail) ? name.substring(8 + tail.length()) : null;
                    String number = rest == null ? "" : rest.split("_", 2)[0];
                    // Skips the upload's own record (".meta").
                    if (!number.matches("[0-9]+")) {
                        continue;
                    }
                    int part = Integer.parseInt(number);
                    if (!recorded.contains(part)) {
                        run("rados", "--conf", conf.toString(), "-p", DATA_POOL, "rm", prefix + name);
                        torn.add(tail + part);
                    }
                }
            }
        }
        System.out.println("Ceph RGW: removed the RADOS objects of " + torn.size() + " torn part(s)");
        return torn.size();
    }

    /** The prefix of the bucket's RADOS objects. */
    private String marker(String bucket) {
        return markers.computeIfAbsent(bucket, b -> {
            Matcher m = MARKER.matcher(run("radosgw-admin", "--conf", conf.toString(), "bucket", "stats",
                    "--bucket=" + b));
            if (!m.find()) {
                throw new IllegalStateException("radosgw-admin bucket stats gave no marker for " + b);
            }
            return m.group(1);
        });
    }

    /** Says how long the start took and how much memory the cluster held at the end: the figures the docs give. */
    @Override
    public void close() {
        try {
            System.out.printf("Ceph RGW: started in %.1f s; monitor, OSD and gateway resident at the end: %d MiB%n",
                    startup == null ? Double.NaN : startup.toMillis() / 1000.0, residentKib() / 1024);
        } catch (IOException | RuntimeException e) {
            System.out.println("Ceph RGW: cannot read the daemons' memory: " + e);
        }
        stop();
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).destroy();
            if (!waitFor(daemons.get(i))) {
                daemons.get(i).destroyForcibly();
                waitFor(daemons.get(i));
            }
        }
        FileSystemUtils.deleteRecursively(base.toFile());
    }

    private boolean answersAsS3() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200 || status == 403;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void daemon(String name, String... command) {
        daemons.add(launch(name, command));
    }

    private Process launch(String name, String... command) {
        Path out = base.resolve("log").resolve(name + ".out");
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command[0], e);
        }
    }

    /** Runs a Ceph tool to the end and returns its standard output; fails with its output if it fails. */
    private String run(String... command) {
        try {
            Path err = Files.createTempFile(base.resolve("log"), command[0], ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + out + Files.readString(err, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static boolean waitFor(Process p) {
        try {
            return p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
