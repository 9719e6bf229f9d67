package org.postern.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postern.testing.GnuPG;
import org.postern.testing.OperatorKeys;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.Prerequisites;
import org.postern.testing.TestBrowser;

/**
 * Postern in its own JVM with its data directory on a tmpfs of a few MB, mounted in a private mount namespace:
 * as root with {@code unshare --mount}, otherwise with {@code unshare --user --map-root-user --mount}. Nothing
 * outside the namespace sees the mount; the test reads and fills it through {@code /proc/<pid>/root}.
 */
final class TinyDisk {

    /** Mounts the tmpfs on $1, copies the prepared data dir $2 onto it, then becomes Postern. */
    private static final String SCRIPT = "mnt=$1; seed=$2; shift 2; "
            + "mount -t tmpfs -o size=%s,mode=0700 tmpfs \"$mnt\" || { echo 'TMPFS MOUNT FAILED'; exit 97; }; "
            + "cp -a \"$seed/.\" \"$mnt/\" && exec \"$@\"";

    private TinyDisk() {
    }

    /** Whether to mount through a user namespace: when not root, or when asked to (to test that path as root). */
    /**
     * A data directory set up by Postern itself with one investigator's key added by {@code recipients add}: what
     * {@link #start} copies onto the tmpfs.
     */
    static Path seededDataDir(GnuPG gpg) throws IOException {
        PosternTestServer seeded = PosternTestServer.inFreshDataDir();
        OperatorKeys.add(seeded, gpg, "Investigator <inv@example.org>");
        return seeded.dataDir();
    }

    /**
     * What a tmpfs test starts from, made before the class: an investigator's gpg home, a data directory
     * {@linkplain #seededDataDir seeded} with that investigator's key, and a mount point. Register it on a static
     * field; the gpg home is removed after the class.
     */
    static final class Prepared implements BeforeAllCallback, AfterAllCallback {
        private final String prefix;
        private GnuPG gpg;
        private Path seed;
        private Path mountPoint;

        Prepared(String mountPrefix) {
            this.prefix = mountPrefix;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            gpg = GnuPG.create();
            seed = seededDataDir(gpg);
            mountPoint = TinyDisk.mountPoint(prefix);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (gpg != null) {
                gpg.close();
                gpg = null;
            }
        }

        /** The investigator's gpg home: it opens what Postern stored. */
        GnuPG gpg() {
            return gpg;
        }

        Path seed() {
            return seed;
        }

        Path mountPoint() {
            return mountPoint;
        }
    }

    /** A new source in a fresh browser, logged in and at the upload form; fails unless the source was created. */
    static TestBrowser newSource(PosternProcess postern) {
        TestBrowser browser = new TestBrowser(postern.sourceUrl());
        Page codename = browser.get("/generate");
        Page lookup = browser.post("/create", Map.of("_csrf", codename.csrfToken()));
        assertThat(lookup.status()).as(lookup.text()).isEqualTo(200);
        return browser;
    }

    /** The blobs in the store directory {@code store}, as seen from outside the namespace. */
    static List<Path> blobs(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The store's incoming files: uploads being written. */
    static List<Path> incoming(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("incoming"))) {
            return files.toList();
        }
    }

    /** An empty directory under target/ to mount the tmpfs on. */
    static Path mountPoint(String prefix) throws IOException {
        Path root = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        return Files.createTempDirectory(root, prefix);
    }

    static boolean viaUserNamespace() {
        return !"root".equals(System.getProperty("user.name")) || Boolean.getBoolean("postern.test.userns");
    }

    static PosternProcess start(Path mountPoint, Path seed, String size, Path log, String... settings) {
        Path unshare = Prerequisites.program("unshare", "util-linux");
        List<String> prefix = new ArrayList<>(List.of(unshare.toString()));
        if (viaUserNamespace()) {
            prefix.addAll(List.of("--user", "--map-root-user"));
        }
        prefix.addAll(List.of("--mount", "--propagation", "private", "sh", "-c", SCRIPT.formatted(size), "sh",
                mountPoint.toString(), seed.toString()));
        try {
            return PosternProcess.start(mountPoint, command -> {
                List<String> all = new ArrayList<>(prefix);
                all.addAll(command);
                return all;
            }, log, List.of("-Xmx256m"), settings);
        } catch (IllegalStateException e) {
            throw new AssertionError("Could not run Postern on a tmpfs in a private mount namespace ("
                    + String.join(" ", prefix.subList(0, prefix.indexOf("sh"))) + "). Run the tests as root, or "
                    + "enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, "
                    + "user.max_user_namespaces > 0). Postern's output: " + tail(log), e);
        }
    }

    /** The data directory as the namespace sees it. */
    static Path view(PosternProcess process, Path mountPoint) {
        return Path.of("/proc", String.valueOf(process.pid()), "root").resolve(mountPoint.toString().substring(1));
    }

    /** The mount options of the tmpfs at {@code mountPoint} as Postern's namespace sees it, or null. */
    static String tmpfsOptions(PosternProcess process, Path mountPoint) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 3 && f[1].equals(mountPoint.toString()) && f[2].equals("tmpfs")) {
                return f[3];
            }
        }
        return null;
    }

    /** Writes {@code file} until the disk is full; returns how many bytes it holds. */
    static long fill(Path file) {
        return fill(file, 64 * 1024) + fill(file.resolveSibling(file.getFileName() + "-tail"), 512);
    }

    private static long fill(Path file, int chunkSize) {
        byte[] chunk = new byte[chunkSize];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
