package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak checks are only as good as this scanner: it must find a needle wherever the bytes fall. */
class PlaintextScannerTest {

    private static final int MIB = 1 << 20;
    private static final byte[] NEEDLE = "NEEDLE-42".getBytes(StandardCharsets.US_ASCII);
    private static final int SIZE = 3 * MIB + 123;

    @TempDir
    Path dir;

    @Test
    void findsNeedleAtStartMiddleAndEnd() throws IOException {
        for (int at : new int[] {0, SIZE / 2, SIZE - NEEDLE.length}) {
            assertThat(PlaintextScanner.contains(fileWithNeedleAt(at), NEEDLE)).as("needle at %d", at).isTrue();
        }
    }

    @Test
    void findsNeedleStraddlingEachMebibyteReadBoundary() throws IOException {
        // A read is 1 MiB plus at most the needle's length; try every start that crosses the first two boundaries.
        for (int boundary : new int[] {MIB, 2 * MIB}) {
            for (int at = boundary - NEEDLE.length; at <= boundary + 2 * NEEDLE.length + 2; at++) {
                assertThat(PlaintextScanner.contains(fileWithNeedleAt(at), NEEDLE)).as("needle at %d", at).isTrue();
            }
        }
    }

    @Test
    void reportsNothingWhenTheNeedleIsAbsent() throws IOException {
        byte[] almost = Arrays.copyOf(NEEDLE, NEEDLE.length - 1);
        byte[] content = filler();
        for (int at : new int[] {0, MIB - 3, MIB + 4, SIZE - almost.length}) {
            System.arraycopy(almost, 0, content, at, almost.length);
        }
        Path file = Files.write(dir.resolve("almost"), content);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(PlaintextScanner.contains(file, NEEDLE)).isFalse();
        assertThat(PlaintextScanner.contains(empty, NEEDLE)).isFalse();
        assertThat(PlaintextScanner.contains(dir.resolve("gone"), NEEDLE)).isFalse();
    }

    @Test
    void findAllNamesEveryFileAndNeedleFound() throws IOException {
        Path hit = fileWithNeedleAt(MIB);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/clean.txt"), "nothing here");

        List<String> found = PlaintextScanner.findAll(List.of(dir, dir.resolve("missing")),
                List.of("NEEDLE-42", "ABSENT-7"));

        assertThat(found).containsExactly(hit + ": NEEDLE-42");
    }

    private Path fileWithNeedleAt(int at) throws IOException {
        byte[] content = filler();
        System.arraycopy(NEEDLE, 0, content, at, NEEDLE.length);
        return Files.write(dir.resolve("haystack"), content);
    }

    private static byte[] filler() {
        byte[] content = new byte[SIZE];
        Arrays.fill(content, (byte) 'x');
        return content;
    }
}
