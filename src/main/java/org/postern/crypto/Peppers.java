package org.postern.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            lookup = SecretFiles.loadOrCreate(dir.resolve("lookup-pepper"), LENGTH, random);
            reply = SecretFiles.loadOrCreate(dir.resolve("reply-pepper"), LENGTH, random);
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
}
