package org.postern.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnionHostnamesTest {

    static final String ONION = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";

    @TempDir
    Path dir;

    @Test
    void unsetPathsMeanNoAddress() {
        OnionHostnames hostnames = new OnionHostnames(TestProperties.of(Map.of()));

        assertThat(hostnames.source()).isEmpty();
        assertThat(hostnames.console()).isEmpty();
    }

    @Test
    void readsTorsHostnameFilesAndFollowsChanges() throws IOException {
        Path source = dir.resolve("source-hostname");
        Path console = dir.resolve("console-hostname");
        OnionHostnames hostnames = new OnionHostnames(TestProperties.of(Map.of(
                "postern.tor.source-hostname-file", source.toString(),
                "postern.tor.console-hostname-file", console.toString())));
        assertThat(hostnames.source()).as("tor has not written it yet").isEmpty();

        Files.writeString(source, ONION + "\n");
        String other = "b".repeat(56) + ".onion";
        Files.writeString(console, other + "\n");

        assertThat(hostnames.source()).contains(ONION);
        assertThat(hostnames.console()).contains(other);
        Files.writeString(console, ONION + "\n");
        assertThat(hostnames.console()).contains(ONION);
    }

    @Test
    void refusesAnythingButAV3OnionAddress() throws IOException {
        Path file = dir.resolve("hostname");
        for (String bad : new String[] {"", "example.org", ONION.toUpperCase(), "abc.onion",
            ONION.replace(".onion", ".onion.example.org"), ONION + "\n" + ONION, "x".repeat(1000)}) {
            Files.writeString(file, bad);
            assertThat(OnionHostnames.read(file)).as(bad).isEmpty();
        }
        assertThat(OnionHostnames.read(dir)).as("a directory").isEmpty();
        assertThat(OnionHostnames.read(dir.resolve("missing"))).isEmpty();
    }
}
