package org.postern.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Random server secrets in the data dir's {@code secrets/}: made once, durably, readable by the owner only. */
final class SecretFiles {

    private SecretFiles() {
    }

    static SecretBytes loadOrCreate(Path file, int length, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[length];
            random.nextBytes(fresh);
            Path tmp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
            try {
                restrictToOwner(tmp);
                // Synced before it is published: a secret lost to a power cut would lock people out.
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(fresh));
                    channel.force(true);
                }
                // A link, unlike a rename, never replaces: if another start made the secret first, keep theirs.
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
                java.util.Arrays.fill(fresh, (byte) 0);
                Files.deleteIfExists(tmp);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != length) {
            throw new IllegalStateException("Server secret " + file + " is damaged. Restore it from a backup of "
                    + "the data directory.");
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
