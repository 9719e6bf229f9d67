package org.postern.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The database's files owner-only, however Postern was started: a process manager may set umask 077, a shell
 * usually leaves 022, and H2 creates its files with whatever it finds. Runs once everything, the migrations
 * included, has opened the database.
 */
@Component
class DatabaseFileModes implements SmartInitializingSingleton {

    private final Path dbDir;

    DatabaseFileModes(PosternProperties properties) {
        this.dbDir = properties.dataDir().resolve("db");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!Files.isDirectory(dbDir) || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> files = Files.list(dbDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the database files owner-only in " + dbDir, e);
        }
    }
}
