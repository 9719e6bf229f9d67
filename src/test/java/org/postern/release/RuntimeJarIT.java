package org.postern.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged jar holds exactly the libraries its SBOM lists, and nothing that only the tests use. It runs
 * after {@code package}, on the real {@code target/postern.jar}.
 */
class RuntimeJarIT {

    @Test
    void theJarShipsWhatItsSbomListsAndNoTestLibrary() throws IOException {
        List<String> libraries;
        try (ZipFile jar = new ZipFile(Path.of("target/postern.jar").toFile())) {
            libraries = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).sorted().toList();
        }
        assertThat(libraries).hasSizeGreaterThan(50);
        assertThat(libraries).noneMatch(n -> n.matches("(?i).*(junit|selenium|htmlunit|greenmail|jsoup|archunit|"
                + "assertj|mockito|spring-boot-test|spring-security-test|configuration-processor).*"));

        Set<String> listed = DependencyLicencesTest.components().stream()
                .filter(c -> c.side().equals("java"))
                .map(c -> c.name().substring(c.name().indexOf(':') + 1) + "-" + c.version() + ".jar")
                .collect(Collectors.toSet());
        // Boot's own launcher support jar is part of the packaging, not a dependency.
        assertThat(libraries.stream().filter(n -> !n.startsWith("spring-boot-jarmode-"))).allMatch(listed::contains,
                "listed in META-INF/sbom/application.cdx.json");
    }
}
