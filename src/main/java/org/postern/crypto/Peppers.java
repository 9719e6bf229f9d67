package org.postern.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * The two server secrets mixed into the codename KDF. Without them a seized database alone cannot be
 * brute-forced offline; losing them locks every source out, so they belong in backups.
 */
@Component
class Peppers {

    private static final int LENGTH = 32;

    private final SecretBytes lookup;
    private final SecretBytes reply;

    Peppers(PosternProperties properties, SecureRandom random) {
        Path dir = properties.secretsDir();
        try {
            Files.createDirectories(dir);
            lookup = loadOrCreate(dir.resolve("lookup-pepper"), random);
            reply = loadOrCreate(dir.resolve("reply-pepper"), random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the server peppers in " + dir, e);
        }
    }

    SecretBytes lookup() {
        return lookup;
    }

    SecretBytes reply() {
        return reply;
    }

    private static SecretBytes loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[LENGTH];
            random.nextBytes(fresh);
            Path tmp = Files.createTempFile(file.getParent(), ".pepper", ".tmp");
            try {
                restrictToOwner(tmp);
                // Synced before it is published: a pepper lost to a power cut would lock every source out.
                try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(fresh));
                    channel.force(true);
                }
                // A link, unlike a rename, never replaces: if another start made the pepper first, keep theirs.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // Theirs is read below.
            } catch (UnsupportedOperationException noLinks) {
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // Theirs is read below.
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != LENGTH) {
            throw new IllegalStateException("Server pepper " + file + " is damaged. Restore it from a backup of "
                    + "the data directory: without it no source can log in again.");
        }
        return SecretBytes.adopt(bytes);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems rely on the data dir's own permissions.
        }
    }
}
