package org.postern.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every script a template loads is Postern's own file, named with the integrity value of the bytes in the jar,
 * and never inline: the browser runs exactly the shipped code or nothing.
 */
class ScriptTagsTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern INTEGRITY =
            Pattern.compile("th:integrity=\"\\$\\{#subresources\\.integrity\\('([^']+)'\\)}\"");

    @Test
    void everyScriptTagIsExternalAndCarriesTheIntegrityOfAShippedFile() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            templates = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        assertThat(templates).isNotEmpty();
        int scripts = 0;
        for (Path template : templates) {
            Matcher tag = SCRIPT.matcher(Files.readString(template, StandardCharsets.UTF_8));
            while (tag.find()) {
                scripts++;
                String attributes = tag.group(1);
                assertThat(tag.group(2).strip()).as("inline script in %s", template).isEmpty();
                assertThat(attributes).as("script source in %s", template).contains("th:src=\"@{/");
                Matcher integrity = INTEGRITY.matcher(attributes);
                assertThat(integrity.find()).as("integrity of a script in %s", template).isTrue();
                String location = integrity.group(1);
                assertThat(Path.of("target/classes", location)).as("%s names %s", template, location).isRegularFile();
                assertThat(new Subresources().integrity(location)).startsWith("sha384-");
            }
        }
        assertThat(scripts).as("script tags found").isPositive();
    }

    @Test
    void shippedBrowserLibrariesTravelWithTheirLicences() {
        for (String dir : List.of("static/intake/vendor/tus-js-client", "static/review/vendor/openpgp")) {
            assertThat(Path.of("target/classes", dir, "LICENSE")).isRegularFile();
        }
        assertThat(Path.of("target/classes/static/intake/vendor/tus-js-client/tus.min.js")).isRegularFile();
        assertThat(Path.of("target/classes/static/review/vendor/openpgp/openpgp.min.mjs")).isRegularFile();
    }
}
