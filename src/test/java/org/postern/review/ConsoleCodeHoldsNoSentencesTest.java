package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The console's web layer composes no sentence of its own: what it shows comes from the bundles, by key. A
 * string literal that reads as an English sentence, or a literal handed straight to a page or a JSON answer,
 * would reach an investigator in English whatever their language.
 */
class ConsoleCodeHoldsNoSentencesTest {

    private static final Path CONSOLE = Path.of("src/main/java/org/postern/review");
    /** Three or more words starting with a capital: "No such account.", "The logo file is…". */
    private static final Pattern SENTENCE = Pattern.compile("\"[A-Z][a-z']*( [A-Za-z'-]+){2,}[^\"]*\"");
    /** A literal of words given to the page or the script as it is. */
    private static final Pattern SHOWN_AS_IS = Pattern.compile(
            "(addAttribute|addFlashAttribute)\\(\"\\w+\", \"[^\"]*\\s|new Outcome\\([^,]+, \"[^\"]*\\s"
                    + "|refuse\\([^;]*, \"[A-Z]");

    @Test
    void noConsoleClassWritesASentence() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CONSOLE)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> scan(f, found));
        }
        assertThat(CONSOLE.resolve("admin/AdminDevicesController.java")).exists();
        assertThat(found).as("English written in console code; put it in console_*.properties").isEmpty();
    }

    @Test
    void theScanSeesALiteralSentence() {
        assertThat(offends("            model.addAttribute(\"error\", \"No device has that name.\");")).isTrue();
        assertThat(offends("        return refuse(response, model, HttpStatus.CONFLICT, \"That device is taken\");"))
                .isTrue();
        assertThat(offends("        model.addAttribute(\"notice\", \"saved ok\");")).isTrue();
        assertThat(offends("        model.addAttribute(\"error\", text.of(\"devices.refused.exists\"));")).isFalse();
        assertThat(offends("        model.addAttribute(\"step\", \"name\");")).isFalse();
        assertThat(offends("        log.warn(\"Cannot write the console's directory {}\", dir);")).isFalse();
    }

    private static void scan(Path file, List<String> found) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (offends(lines.get(i))) {
                    found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean offends(String line) {
        String code = line.strip();
        if (code.startsWith("*") || code.startsWith("/") || code.matches("(log|LOG)\\.\\w+\\(.*")) {
            return false;
        }
        Matcher sentence = SENTENCE.matcher(code);
        return sentence.find() || SHOWN_AS_IS.matcher(code).find();
    }
}
