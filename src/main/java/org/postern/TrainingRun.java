package org.postern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * {@code java -XX:ArchiveClassesAtExit=postern.jsa -jar postern.jar training-run}: starts Postern on a throwaway
 * data directory and free loopback ports, serves one page on each side, and stops. The JVM then writes every
 * class it loaded into a class-data-sharing archive, which roughly halves later start-ups (docs/deploy.md). It
 * touches no real data: the directory, its generated secrets and database are deleted before it returns.
 */
final class TrainingRun {

    static final String COMMAND = "training-run";

    private TrainingRun() {
    }

    static int run() {
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("postern-training-");
            int source = freePort();
            int console = freePort();
            try (RunningPostern postern = PosternApplication.start("--postern.data-dir=" + dataDir,
                    "--postern.source.port=" + source, "--postern.console.port=" + console)) {
                get("http://127.0.0.1:" + source + "/");
                get("http://127.0.0.1:" + console + "/login");
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dataDir != null) {
                FileSystemUtils.deleteRecursively(dataDir.toFile());
            }
        }
    }

    private static void get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
