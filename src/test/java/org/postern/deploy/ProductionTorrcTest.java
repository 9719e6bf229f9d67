package org.postern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.testing.Prerequisites;

/** deploy/tor/torrc as shipped, checked by tor itself, offline, with its directories moved into a temp dir. */
class ProductionTorrcTest {

    private static final Path TORRC = Path.of("deploy", "tor", "torrc");

    @TempDir
    Path tmp;

    record Verdict(int exit, String output) {
    }

    @Test
    void torAcceptsTheShippedTorrc() throws Exception {
        Verdict verdict = verify(Files.readString(TORRC));

        assertThat(verdict.output()).contains("Configuration was valid");
        assertThat(verdict.exit()).isZero();
    }

    @Test
    void theCheckHasTeeth() throws Exception {
        Verdict verdict = verify(Files.readString(TORRC).replace("HiddenServicePoWDefensesEnabled 1",
                "HiddenServicePoWDefencesEnabled 1"));

        assertThat(verdict.exit()).as(verdict.output()).isNotZero();
    }

    @Test
    void publishesBothServicesOnPosternsSocketsWithTheirDefences() throws IOException {
        List<String> lines = Files.readAllLines(TORRC).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(lines).containsSubsequence("HiddenServiceDir /var/lib/tor/postern-source/",
                "HiddenServicePort 80 unix:/run/postern/source.sock", "HiddenServiceEnableIntroDoSDefense 1",
                "HiddenServicePoWDefensesEnabled 1", "HiddenServiceDir /var/lib/tor/postern-console/",
                "HiddenServicePort 80 unix:/run/postern/console.sock");
        // No TCP target: a local process could reach the console through it without client authorization.
        assertThat(lines).noneMatch(l -> l.startsWith("HiddenServicePort") && !l.contains(" unix:"));
        assertThat(lines).contains("SocksPort 0");
        assertThat(lines).anyMatch(l -> l.startsWith("HiddenServiceEnableIntroDoSRatePerSec "));
        assertThat(lines).anyMatch(l -> l.startsWith("HiddenServiceEnableIntroDoSBurstPerSec "));
        assertThat(lines).noneMatch(l -> l.startsWith("Sandbox 1"));
    }

    private Verdict verify(String torrc) throws IOException, InterruptedException {
        Path tor = Prerequisites.program("tor", "tor");
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        Path copy = tmp.resolve("torrc");
        // Debian's defaults file supplies DataDirectory on a server; here it goes into the temp dir too.
        Files.writeString(copy, torrc.replace("/var/lib/tor/", tmp + "/") + "\nDataDirectory " + tmp.resolve("data")
                + "\n");
        Process p = new ProcessBuilder(tor.toString(), "--defaults-torrc", empty.toString(), "--verify-config",
                "-f", copy.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verdict(p.exitValue(), output);
    }
}
