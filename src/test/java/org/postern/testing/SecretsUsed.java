package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every codename, canary, message text and uploaded file name a test uses, one per line, so that the leak scan
 * after the whole suite ({@code LeakScanIT}) can look for each in every collected log. Several JVMs append to
 * the same file; each line is one short write in append mode.
 */
public final class SecretsUsed {

    /** Beside the logs, not among them: the scans that read target/test-logs must not find their own needles. */
    public static final Path FILE = Path.of("target", "test-secrets", "secrets-used.txt");

    /** Shorter values would match ordinary log text by chance; tests use longer ones where it matters. */
    public static final int MIN_LENGTH = 8;

    private SecretsUsed() {
    }

    public enum Kind { CODENAME, CANARY, MESSAGE, FILE_NAME }

    public static void record(Kind kind, String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        // A leak of a long text would show its start; the needle need not be the whole of it.
        String needle = value.strip().length() > 256 ? value.strip().substring(0, 256) : value.strip();
        String line = kind + "\t" + needle.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                + "\n";
        try {
            Files.createDirectories(FILE.getParent());
            synchronized (SecretsUsed.class) {
                Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
