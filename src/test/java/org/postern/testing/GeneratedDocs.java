package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A doc whose tail is generated from the build: the tail must be exactly what the build generates now. The
 * generated text is also written to {@code target/}, so that updating the doc is one copy.
 */
public final class GeneratedDocs {

    private GeneratedDocs() {
    }

    /** {@code generated} starts with its marker line; the doc holds it from that marker to its end. */
    public static void assertTailIs(Path doc, String generated, Path writtenTo) throws IOException {
        Files.writeString(writtenTo, generated, StandardCharsets.UTF_8);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String marker = generated.substring(0, generated.indexOf('\n') + 1);
        int start = text.indexOf(marker);
        assertThat(start).as("%s has the generated table", doc).isNotNegative();
        assertThat(text.substring(start))
                .as("%s is out of date: replace its table with %s", doc, writtenTo)
                .isEqualTo(generated);
    }
}
