package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
            assertThat(contains(fileWithNeedleAt(at), NEEDLE)).as("needle at %d", at).isTrue();
        }
    }

    @Test
    void findsNeedleStraddlingEachMebibyteReadBoundary() throws IOException {
        // A read is 1 MiB plus at most the needle's length; try every start that crosses the first two boundaries.
        for (int boundary : new int[] {MIB, 2 * MIB}) {
            for (int at = boundary - NEEDLE.length; at <= boundary + 2 * NEEDLE.length + 2; at++) {
                assertThat(contains(fileWithNeedleAt(at), NEEDLE)).as("needle at %d", at).isTrue();
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

        assertThat(contains(file, NEEDLE)).isFalse();
        assertThat(contains(empty, NEEDLE)).isFalse();
        assertThat(contains(dir.resolve("gone"), NEEDLE)).isFalse();
    }

    @Test
    void findAllNamesEveryFileAndNeedleFound() throws IOException {
        Path hit = fileWithNeedleAt(MIB);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/clean.txt"), "nothing here");

        List<String> found = PlaintextScanner.findAll(List.of(dir), List.of("NEEDLE-42", "ABSENT-7"));

        assertThat(found).containsExactly(hit + ": NEEDLE-42 (utf-8)");
    }

    @Test
    void aRootThatDoesNotExistIsAnErrorNotASilentPass() {
        assertThatThrownBy(() -> PlaintextScanner.findAll(List.of(dir, dir.resolve("missing")), List.of("NEEDLE-42")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void findsEveryEncodedFormInsideOtherBytes() throws IOException {
        // Arabic script, CJK and markup characters, so that every encoding differs from the raw bytes.
        String secret = "Kashgar \u0642\u06d5\u0634\u0642\u06d5\u0631 \u5580\u4ec0 <a&b> \"q\"";
        Map<String, byte[]> forms = LeakForms.of(secret);
        assertThat(forms.keySet()).contains("utf-8", "utf-16le", "utf-16be", "url", "url-%20", "html",
                "html-decimal", "html-hex", "json", "json-ascii", "base64+0", "base64+1", "base64+2", "base64url+0");
        Random random = new Random(7);
        for (Map.Entry<String, byte[]> form : forms.entrySet()) {
            byte[] before = new byte[1000 + random.nextInt(1000)];
            byte[] after = new byte[1000];
            random.nextBytes(before);
            random.nextBytes(after);
            Path file = Files.write(dir.resolve("f"), concat(before, form.getValue(), after));
            assertThat(PlaintextScanner.findAll(List.of(file), List.of(secret)))
                    .as(form.getKey()).contains(file + ": " + secret + " (" + form.getKey() + ")");
        }
    }

    @Test
    void findsBase64OfASecretAtEachAlignmentOfALongerEncodedRun() throws IOException {
        byte[] secret = "CANARY-base64-0123456789".getBytes(StandardCharsets.UTF_8);
        for (int prefix = 0; prefix < 6; prefix++) {
            byte[] plain = concat("x".repeat(prefix).getBytes(StandardCharsets.US_ASCII), secret,
                    "tail".getBytes(StandardCharsets.US_ASCII));
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                Path file = Files.write(dir.resolve("b64"), encoder.encode(plain));
                assertThat(PlaintextScanner.findAll(List.of(file), List.of("CANARY-base64-0123456789")))
                        .as("after %d bytes", prefix).isNotEmpty();
            }
        }
    }

    @Test
    void ignoresAsciiCase() throws IOException {
        Path file = Files.writeString(dir.resolve("c"), "a log line: abacus ABLE zero zoom.");
        assertThat(PlaintextScanner.findAll(List.of(file), List.of("Abacus Able Zero Zoom"))).hasSize(1);
    }

    private static boolean contains(Path file, byte[] needle) {
        return !new PlaintextScanner(Map.of("n", needle)).labelsIn(file).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
