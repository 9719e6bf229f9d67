package org.postern.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.postern.testing.GnuPG;
import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.postern.testing.Prerequisites;

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
        Path key = gpg.exportArmoredTo(gpg.generateCurve25519("Investigator <inv@example.org>"),
                Files.createTempDirectory("key"));
        if (seeded.command("recipients", "add", key.toString()).exitCode() != 0) {
            throw new IllegalStateException("recipients add failed for the seed data directory");
        }
        return seeded.dataDir();
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
