package org.postern.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postern.testing.GeneratedDocs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md lists every setting exactly as Spring Boot's configuration metadata (generated from
 * {@link PosternProperties}' javadoc) describes it, and every setting has a description.
 */
class ConfigurationDocTest {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path DOC = Path.of("docs/configuration.md");
    static final Path GENERATED = Path.of("target/configuration.md");
    static final String BEGIN = "<!-- generated from PosternProperties: do not edit below -->\n";

    record Setting(String name, String defaultValue, String description) {
    }

    @Test
    void everySettingHasADescription() throws IOException {
        List<Setting> settings = settings();
        assertThat(settings).hasSizeGreaterThan(20);
        assertThat(settings).allSatisfy(s -> assertThat(s.description()).as(s.name()).isNotBlank());
    }

    @Test
    void theDocIsWhatTheMetadataSays() throws IOException {
        GeneratedDocs.assertTailIs(DOC, render(settings()), GENERATED);
    }

    static String render(List<Setting> settings) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n')
                .append("| Setting | Default | Meaning |\n|---|---|---|\n");
        for (Setting s : settings) {
            out.append("| `").append(s.name()).append("` | ")
                    .append(s.defaultValue().isEmpty() ? "unset" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(markdown(s.description())).append(" |\n");
        }
        return out.toString();
    }

    /** Javadoc to one Markdown table cell. */
    static String markdown(String javadoc) {
        String text = javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\s+", " ").strip()
                .replace("|", "\\|");
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static List<Setting> settings() throws IOException {
        JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
        List<Setting> settings = new ArrayList<>();
        for (JsonNode p : metadata.path("properties")) {
            String name = p.path("name").asString();
            if (!name.startsWith("postern.")) {
                continue;
            }
            JsonNode value = p.path("defaultValue");
            String defaultValue = value.isMissingNode() || value.isNull() ? ""
                    : value.isArray() ? String.join(",", value.valueStream().map(JsonNode::asString).toList())
                    : value.asString();
            settings.add(new Setting(name, defaultValue, p.path("description").asString("")));
        }
        settings.sort(Comparator.comparing(Setting::name));
        return settings;
    }
}
