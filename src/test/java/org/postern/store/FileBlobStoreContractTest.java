package org.postern.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;

/** The blob-store contract on the file system. */
class FileBlobStoreContractTest extends BlobStoreContract {

    @TempDir
    Path dataDir;

    private Path root() {
        return dataDir.resolve("store");
    }

    @Override
    BlobStore store() {
        return new FileBlobStore(root(), new SecureRandom(), Clock.systemUTC());
    }

    @Override
    BlobStore brokenStore() throws IOException {
        Path dir = dataDir.resolve("broken");
        BlobStore store = new FileBlobStore(dir, new SecureRandom(), Clock.systemUTC());
        // Root ignores permissions, so block the incoming directory with a plain file instead.
        Files.delete(dir.resolve("incoming"));
        Files.write(dir.resolve("incoming"), new byte[] {1});
        return store;
    }

    @Override
    List<String> unfinishedLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("incoming"))) {
            return files.map(Path::toString).toList();
        }
    }

    @Override
    void putForeignObject(String name) throws IOException {
        Files.writeString(root().resolve(name), "not a blob");
    }

    @Override
    List<String> writerArguments() {
        return List.of("filesystem", root().toString());
    }
}
