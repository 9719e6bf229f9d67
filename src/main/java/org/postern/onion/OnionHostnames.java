package org.postern.onion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * The two onion addresses, read from tor's {@code hostname} files on every call: tor may write them after
 * Postern has started, and a cached address would outlive a rotated key.
 */
@Component
public class OnionHostnames {

    private static final Pattern V3_ONION = Pattern.compile("[a-z2-7]{56}\\.onion");
    // A hostname file is one short line; refuse to slurp anything large that a misconfiguration points at.
    private static final long MAX_FILE_BYTES = 256;

    private final Path sourceFile;
    private final Path consoleFile;

    OnionHostnames(PosternProperties properties) {
        this.sourceFile = properties.tor().sourceHostnameFile();
        this.consoleFile = properties.tor().consoleHostnameFile();
    }

    /** The source onion, e.g. {@code abc…xyz.onion}; empty when not configured or not (yet) readable. */
    public Optional<String> source() {
        return read(sourceFile);
    }

    /** The console onion; empty when not configured or not (yet) readable. */
    public Optional<String> console() {
        return read(consoleFile);
    }

    static Optional<String> read(Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            String name = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return V3_ONION.matcher(name).matches() ? Optional.of(name) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
