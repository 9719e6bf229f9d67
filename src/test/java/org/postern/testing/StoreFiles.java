package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files in a store directory (a data dir's {@code store}), read from outside the server: a test counts them
 * to show that a refused or broken upload kept nothing.
 */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** The finished blobs, one for each stored submission or reply. */
    public static List<Path> blobs(Path storeDir) {
        return list(storeDir).stream().filter(Files::isRegularFile).toList();
    }

    /** The partial ciphertext of uploads in flight. */
    public static List<Path> incoming(Path storeDir) {
        return list(storeDir.resolve("incoming"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
