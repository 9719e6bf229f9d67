package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 server for tests: S3Proxy with its NIO.2 file-system backend ({@code filesystem-nio2}), in its own JVM
 * on loopback, from the self-contained jar the build copies to target/s3proxy (never on Postern's class path). Each
 * object is a file under {@link #bucketDir()} named by its key, so tests can see exactly what the bucket holds. It
 * can be stopped and started again on the same port and storage, to cut the store off mid-upload. That backend
 * keeps a multipart upload's parts as files and lists the upload again after a kill; the older {@code filesystem}
 * backend answered 400 to listing uploads after it was killed mid-part.
 */
public final class S3ProxyServer implements S3TestServer {

    public static final String ACCESS_KEY = "postern-test-access";
    public static final String SECRET_KEY = "postern-test-secret-" + UUID.randomUUID();
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();

    private final Path base;
    private final Path storage;
    private final String bucket;
    private final int port;
    private final Path log;
    private Process process;

    private S3ProxyServer(Path base, String bucket, int port) {
        this.base = base;
        this.storage = base.resolve("storage");
        this.bucket = bucket;
        this.port = port;
        // Outside target/test-logs: this is the S3 server's log, not Postern's, and it names its loopback address.
        this.log = Path.of("target", "s3proxy-logs", "s3proxy-" + base.getFileName() + ".log").toAbsolutePath();
    }

    /** Starts a fresh server with one empty bucket, its storage under target/test-data. */
    public static S3ProxyServer start() {
        try {
            return start(Files.createDirectories(Path.of("target", "test-data").toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a fresh server with one empty bucket, its storage in a new directory under {@code root}. */
    public static S3ProxyServer start(Path root) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run Maven's generate-test-resources phase (any "
                    + "mvn test does) so the dependency plugin copies S3Proxy there");
        }
        try {
            Path base = Files.createTempDirectory(root, "s3proxy");
            String bucket = "postern-" + UUID.randomUUID().toString().substring(0, 8);
            S3ProxyServer server = new S3ProxyServer(base, bucket, FreePorts.forChild());
            Files.createDirectories(server.bucketDir());
            server.writeProperties();
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeProperties() throws IOException {
        Files.writeString(base.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                // Required by this provider, and unused: it reads no credentials for the local disk.
                "jclouds.identity=local",
                "jclouds.credential=local",
                "jclouds.filesystem.basedir=" + storage,
                ""));
    }

    /** Starts the server (again, after {@link #stop()}) and waits until it accepts connections. */
    @Override
    public void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", JAR.toString(), "--properties", base.resolve("s3proxy.conf")
                .toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException notYet) {
                Waits.sleep(100);
                continue;
            }
            // Jetty accepts connections before S3Proxy's handler is in place; until then it answers 400.
            if (answersAsS3()) {
                return;
            }
            Waits.sleep(100);
        }
        throw new IllegalStateException("S3Proxy did not start within 60 s; see " + log);
    }

    private boolean answersAsS3() {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(endpoint() + "/")
                    .toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 403 || status == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Kills the server at once, as a crash or a network cut would. */
    @Override
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Deletes the files a kill left half written. S3Proxy writes each object or part to a temporary file (its
     * name, a dash and a UUID) and gives it its MD5 (an extended attribute) before renaming it; a kill in between
     * leaves that file, which aborting the upload does not remove (and over which S3Proxy 2.6.0 failed every
     * listing with 500). A real store discards such writes itself; this does it for S3Proxy, and returns how many
     * there were. Nothing it deletes was ever acknowledged to a client.
     */
    public int removeTornWrites() throws IOException {
        int removed = 0;
        for (Path file : storedFiles()) {
            java.nio.file.attribute.UserDefinedFileAttributeView attributes = Files.getFileAttributeView(file,
                    java.nio.file.attribute.UserDefinedFileAttributeView.class);
            String name = file.getFileName().toString();
            // Its record of an open upload is named by the upload's id, a UUID too, and is no write at all.
            boolean temporary = !name.startsWith(".s3proxy-mpu-stub-")
                    && name.matches(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            if (temporary && !attributes.list().contains("content-md5")) {
                Files.delete(file);
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String name() {
        return "S3Proxy";
    }

    /** The running server's process id, for measuring what it costs. */
    public long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("S3Proxy is not running");
        }
        return process.pid();
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** Where the file-system backend keeps the bucket's objects, one file per key. */
    public Path bucketDir() {
        return storage.resolve(bucket);
    }

    /** Every regular file under the server's storage, multipart leftovers included. */
    public List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The files of {@code bucket}'s directory, relative to it: each object is the file named by its key. */
    @Override
    public List<String> storedNames(String bucket) throws IOException {
        Path dir = storage.resolve(bucket);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList();
        }
    }

    /** Files that are no published object, and S3Proxy's multipart bookkeeping ({@code .mpus-} files). */
    @Override
    public List<String> storedBeside(String bucket, java.util.Set<String> objects) throws IOException {
        return storedNames(bucket).stream().filter(name -> !objects.contains(name) || name.startsWith(".mpus-"))
                .toList();
    }

    @Override
    public void close() {
        stop();
    }
}
