package org.postern.testing;

import java.nio.file.Path;
import java.util.List;

import org.springframework.util.FileSystemUtils;

/**
 * A fresh data dir that already holds an investigator's key, added with {@code recipients add}, for a test that
 * starts Postern on it itself: a separate JVM ({@link PosternProcess}) with its own heap, killed or restarted.
 * Tests that share one in-process server use {@link PosternServerExtension} instead. Closing it removes the data
 * dir and the gpg home that holds the investigator's secret key.
 */
public final class DataDirWithKey implements AutoCloseable {

    private final Path dataDir;
    private final GnuPG gpg;

    private DataDirWithKey(Path dataDir, GnuPG gpg) {
        this.dataDir = dataDir;
        this.gpg = gpg;
    }

    public static DataDirWithKey create() {
        GnuPG gpg = GnuPG.create();
        try {
            PosternTestServer setup = PosternTestServer.inFreshDataDir();
            OperatorKeys.add(setup, gpg, "Investigator <inv@example.org>");
            return new DataDirWithKey(setup.dataDir(), gpg);
        } catch (RuntimeException e) {
            gpg.close();
            throw e;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The investigator's gpg, which decrypts what the server stored. */
    public GnuPG gpg() {
        return gpg;
    }

    /** The finished blobs in the store, one for each stored submission or reply. */
    public List<Path> storedBlobs() {
        return StoreFiles.blobs(dataDir.resolve("store"));
    }

    /** The partial ciphertext of uploads in flight. */
    public List<Path> incoming() {
        return StoreFiles.incoming(dataDir.resolve("store"));
    }

    @Override
    public void close() {
        try {
            gpg.close();
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }
}
