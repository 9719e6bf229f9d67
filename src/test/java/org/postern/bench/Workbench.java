package org.postern.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.postern.crypto.BenchmarkEncryptors;
import org.postern.crypto.RecipientKey;
import org.postern.testing.GnuPG;
import org.springframework.util.FileSystemUtils;

/**
 * What every section shares: a scratch directory under /tmp (outside the directories the suite's no-plaintext
 * scans read), the input file, and a real gpg home with three investigators' keys.
 */
final class Workbench implements AutoCloseable {

    final BenchOptions options;
    final Path dir;
    final Path input;
    final GnuPG gpg;
    final List<String> fingerprints = new ArrayList<>();
    final List<Path> armoredKeys = new ArrayList<>();
    final List<RecipientKey> keys = new ArrayList<>();

    Workbench(BenchOptions options) throws IOException {
        this.options = options;
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "postern-bench");
        this.gpg = GnuPG.create();
        for (int i = 1; i <= 3; i++) {
            String fpr = gpg.generateCurve25519("Investigator " + i + " <i" + i + "@example.org>");
            fingerprints.add(fpr);
            Path key = gpg.exportArmoredTo(fpr, dir);
            armoredKeys.add(key);
            keys.add(BenchmarkEncryptors.parse(Files.readString(key)));
        }
        this.input = randomFile(dir.resolve("input.bin"), options.size());
    }

    /** Random bytes, so nothing along the way can shortcut; written once and then read from the page cache. */
    static Path randomFile(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(6);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        block[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    @Override
    public void close() {
        gpg.close();
        FileSystemUtils.deleteRecursively(dir.toFile());
    }
}
