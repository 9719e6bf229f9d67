package org.postern.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.postern.testing.GeneratedDocs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every dependency the jar ships has a licence on the allow-list that docs/licences.md justifies, and that
 * file's table is exactly what the build's SBOMs say, so it cannot drift from what is shipped.
 */
class DependencyLicencesTest {

    static final Path SBOMS = Path.of("target/classes/META-INF/sbom");
    static final Path DOC = Path.of("docs/licences.md");
    static final Path GENERATED = Path.of("target/licences.md");

    /** The licences docs/licences.md explains; a component needs one of its licences here. */
    static final Set<String> ALLOWED = Set.of("Apache-2.0", "MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause", "ISC",
            "BlueOak-1.0.0", "Unicode-3.0", "Bouncy Castle Licence", "EPL-1.0", "EPL 1.0", "EPL-2.0", "MPL-2.0",
            "LGPL-2.1-only", "LGPL-3.0+", "LGPL-3.0-or-later", "GPL-2.0-with-classpath-exception");

    record Component(String side, String name, String version, List<String> licences, boolean shipped) {
    }

    @Test
    void everyShippedDependencyHasAnAllowedLicence() throws IOException {
        List<Component> components = components();
        assertThat(components).hasSizeGreaterThan(50);
        for (Component c : components) {
            assertThat(c.licences()).as("licence of %s %s", c.name(), c.version()).isNotEmpty()
                    .anyMatch(ALLOWED::contains);
        }
        assertThat(components).anyMatch(c -> c.name().equals("openpgp") && c.shipped());
        assertThat(components).anyMatch(c -> c.name().equals("tus-js-client") && c.shipped());
        assertThat(components).noneMatch(c -> c.name().contains("selenium") || c.name().contains("htmlunit")
                || c.name().contains("junit") || c.name().contains("greenmail") || c.name().equals("axe-core"));
    }

    @Test
    void theLicenceListInDocsIsTheOneTheBuildGenerates() throws IOException {
        GeneratedDocs.assertTailIs(DOC, render(components()), GENERATED);
    }

    static final String BEGIN = "<!-- generated from the jar's SBOMs: do not edit below -->\n";

    static String render(List<Component> components) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n')
                .append("| Component | Version | Licence | Shipped as |\n|---|---|---|---|\n");
        for (Component c : components) {
            out.append("| ").append(c.name()).append(" | ").append(c.version()).append(" | ")
                    .append(String.join(" or ", c.licences())).append(" | ")
                    .append(c.side().equals("java") ? "library jar" : c.shipped() ? "browser file" : "bundled or not shipped")
                    .append(" |\n");
        }
        return out.toString();
    }

    static List<Component> components() throws IOException {
        List<Component> all = new ArrayList<>();
        read("application.cdx.json", "java", all);
        read("frontend.cdx.json", "npm", all);
        all.sort(Comparator.comparing(Component::side).thenComparing(Component::name));
        return all;
    }

    private static void read(String file, String side, List<Component> into) throws IOException {
        assertThat(SBOMS.resolve(file)).as("the build's SBOM (the CycloneDX plugin skips offline builds: build "
                + "without -o)").isRegularFile();
        JsonNode bom = JsonMapper.builder().build().readTree(Files.readString(SBOMS.resolve(file)));
        for (JsonNode c : bom.path("components")) {
            List<String> licences = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                if (l.has("expression")) {
                    licences.add(l.path("expression").asString());
                } else {
                    JsonNode licence = l.path("license");
                    licences.add(licence.has("id") ? licence.path("id").asString() : licence.path("name").asString());
                }
            }
            String group = c.path("group").asString("");
            String name = group.isEmpty() ? c.path("name").asString() : group + ":" + c.path("name").asString();
            into.add(new Component(side, name, c.path("version").asString(),
                    licences.stream().distinct().collect(Collectors.toList()),
                    side.equals("java") || "required".equals(c.path("scope").asString(""))));
        }
    }
}
