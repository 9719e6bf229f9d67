package org.postern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every file under some directories, as someone who seized the machine would, looking for needles in every
 * form {@link LeakForms} knows (raw, UTF-16, URL, HTML, JSON, Base64), ignoring ASCII case. Each file is read
 * once, whatever the number of needles.
 */
public final class PlaintextScanner {

    private final List<Needle> needles = new ArrayList<>();
    private final Map<Integer, List<Needle>> byHead = new HashMap<>();
    private final boolean[] pairs = new boolean[1 << 16];
    private int longest;

    private record Needle(String label, byte[] bytes) {
    }

    /** Finds each of {@code forms} (label to bytes; each at least 4 bytes long). */
    public PlaintextScanner(Map<String, byte[]> forms) {
        forms.forEach((label, bytes) -> {
            if (bytes.length < 4) {
                throw new IllegalArgumentException("a needle shorter than 4 bytes would match by chance: " + label);
            }
            Needle needle = new Needle(label, fold(bytes.clone()));
            needles.add(needle);
            byHead.computeIfAbsent(head(needle.bytes(), 0), k -> new ArrayList<>()).add(needle);
            pairs[pair(needle.bytes(), 0)] = true;
            longest = Math.max(longest, bytes.length);
        });
    }

    /** Every "file: needle (encoding)" found; empty when nothing leaked. A root that does not exist is an error. */
    public static List<String> findAll(List<Path> roots, List<String> values) {
        PlaintextScanner scanner = new PlaintextScanner(LeakForms.ofAll(values));
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IllegalArgumentException("scan root does not exist, so nothing would be checked: " + root);
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scanner.labelsIn(file).forEach(label -> found.add(file + ": " + label));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The labels of the needles in {@code file}; empty if it vanished while the scan ran. */
    public Set<String> labelsIn(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return labelsIn(in);
        } catch (NoSuchFileException gone) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> labelsIn(InputStream in) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        if (needles.isEmpty()) {
            return found;
        }
        byte[] buffer = new byte[(1 << 20) + longest];
        int carried = 0;
        for (int n; (n = in.read(buffer, carried, buffer.length - carried)) > 0;) {
            int filled = carried + n;
            fold(buffer, carried, filled);
            // A needle that runs past the filled part starts within the carried tail and is tried again.
            for (int i = 0; i + 4 <= filled; i++) {
                if (!pairs[pair(buffer, i)]) {
                    continue;
                }
                List<Needle> candidates = byHead.get(head(buffer, i));
                if (candidates != null) {
                    for (Needle needle : candidates) {
                        if (i + needle.bytes().length <= filled
                                && Arrays.equals(buffer, i, i + needle.bytes().length, needle.bytes(), 0,
                                        needle.bytes().length)) {
                            found.add(needle.label());
                        }
                    }
                }
            }
            carried = Math.min(longest - 1, filled);
            System.arraycopy(buffer, filled - carried, buffer, 0, carried);
        }
        return found;
    }

    private static int pair(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int head(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static byte[] fold(byte[] b) {
        fold(b, 0, b.length);
        return b;
    }

    private static void fold(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 'A' && b[i] <= 'Z') {
                b[i] += 'a' - 'A';
            }
        }
    }

    public static List<String> needles(String... values) {
        return Arrays.asList(values);
    }
}
