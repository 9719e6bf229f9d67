package org.postern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Reads every file under some directories, as someone who seized the machine would, looking for needles. */
public final class PlaintextScanner {

    private PlaintextScanner() {
    }

    /** Every "file: needle" found; empty when nothing leaked. */
    public static List<String> findAll(List<Path> roots, List<String> needles) {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    for (String needle : needles) {
                        if (contains(file, needle.getBytes(StandardCharsets.UTF_8))) {
                            found.add(file + ": " + needle);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    static boolean contains(Path file, byte[] needle) {
        byte[] buffer = new byte[(1 << 20) + needle.length];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer, carried, buffer.length - carried)) > 0;) {
                int filled = carried + n;
                if (indexOf(buffer, filled, needle) >= 0) {
                    return true;
                }
                carried = Math.min(needle.length - 1, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
            return false;
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] hay, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static List<String> needles(String... values) {
        return Arrays.asList(values);
    }
}
