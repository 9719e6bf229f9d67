package org.postern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.postern.testing.LeakForms;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.SecretsUsed;

/**
 * Runs after the whole suite (Failsafe, in {@code integration-test}): every log the run collected under
 * target/test-logs, the in-process test log and every separate Postern JVM's output alike, must hold no IP
 * address, and none of the codenames, canaries, message texts and uploaded file names the tests recorded in
 * {@link SecretsUsed#FILE}, in any of the encodings {@link LeakForms} knows. An empty or missing record fails, so this cannot pass by having nothing to look for.
 *
 * <p>No IP address at all is allowed, loopback included: Postern never logs one, so any match is a regression
 * (an exception message naming a socket, a library's startup line) and must be fixed at its source.
 */
class LeakScanIT {

    private static final Path LOGS = Path.of("target", "test-logs");
    private static final int KEY = SecretsUsed.MIN_LENGTH;

    /** Dotted quads with octets 0-255, not part of a longer dotted number (a version such as 1.2.3.4.5). */
    static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\.?\\d)");

    /** Candidates for IPv6: hex groups and colons standing alone; {@link #isIpv6} decides. */
    static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![\\w:.])");

    @Test
    void collectedLogsHoldNoIpAddressAndNoSecretTheTestsUsed() throws IOException {
        assertThat(SecretsUsed.FILE).as("the tests record what they used; without it this check is vacuous")
                .isRegularFile();
        List<String> needles = needles(Files.readAllLines(SecretsUsed.FILE, StandardCharsets.UTF_8));
        assertThat(needles).as("recorded secrets").isNotEmpty();
        List<Path> logs = logs();
        assertThat(logs).as("collected logs").contains(LOGS.resolve("postern-tests.log"));

        PlaintextScanner scanner = new PlaintextScanner(LeakForms.ofAll(needles));
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            scanner.labelsIn(log).forEach(label -> found.add(log + ": recorded secret " + label));
            found.addAll(addressesIn(log, Files.readString(log, StandardCharsets.UTF_8)));
        }
        assertThat(found).as("leaks in %d log files, checked for %d recorded values", logs.size(), needles.size())
                .isEmpty();
    }

    @Test
    void theDetectorsFindAddressesAndSkipTimesAndVersions() {
        Path log = Path.of("example.log");
        assertThat(addressesIn(log, "from 127.0.0.1:8080 and 10.1.2.3.")).hasSize(2);
        assertThat(addressesIn(log, "peer [::1] and fe80::1%eth0 and 2001:db8:0:0:0:0:0:1 and ::ffff:192.0.2.1"))
                .hasSize(5);
        assertThat(addressesIn(log, "2026-11-27 15:34:14,123 took 1.2.3 s, version 0.4.8.13.1, Files::walk, "
                + "a 1:2:3 ratio, 999.1.1.1")).isEmpty();
        List<String> needles = needles(List.of("CODENAME\tAbacus Able Zero Zoom", "MESSAGE\tline one here\\nsee "
                + "CANARY-0123456789abcdef inside", "FILE_NAME\tshort"));
        assertThat(needles).contains("Abacus Able Zero Zoom", "line one here", "CANARY-0123456789abcdef")
                .doesNotContain("short");
    }

    /**
     * Each recorded value, each of its lines, and each long word in it (a canary inside a message is found on
     * its own). The scan ignores ASCII case: a codename typed in capitals is the same codename.
     */
    static List<String> needles(List<String> recorded) {
        Set<String> needles = new LinkedHashSet<>();
        for (String line : recorded) {
            String[] kindAndValue = line.split("\t", 2);
            if (kindAndValue.length < 2) {
                continue;
            }
            String value = kindAndValue[1].replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
            add(needles, value);
            for (String part : value.split("[\r\n]+")) {
                add(needles, part);
            }
            for (String word : value.split("[\\s/\\\\]+")) {
                if (word.length() >= 16) {
                    add(needles, word);
                }
            }
        }
        return new ArrayList<>(needles);
    }

    private static void add(Set<String> needles, String value) {
        String v = value.strip();
        if (v.length() >= KEY) {
            needles.add(v);
        }
    }

    private static List<Path> logs() throws IOException {
        try (Stream<Path> all = Files.walk(LOGS)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static List<String> addressesIn(Path log, String text) {
        List<String> found = new ArrayList<>();
        Matcher v4 = IPV4.matcher(text);
        while (v4.find()) {
            found.add(log + ": IPv4 address " + v4.group() + " at line " + lineOf(text, v4.start()));
        }
        Matcher v6 = IPV6_CANDIDATE.matcher(text);
        while (v6.find()) {
            if (isIpv6(v6.group())) {
                found.add(log + ": IPv6 address " + v6.group() + " at line " + lineOf(text, v6.start()));
            }
        }
        return found;
    }

    /** Eight groups, or fewer with one "::"; a time of day such as 12:34:56 is neither. */
    static boolean isIpv6(String candidate) {
        int doubleColons = candidate.split("::", -1).length - 1;
        if (doubleColons > 1 || candidate.contains(":::")) {
            return false;
        }
        String[] groups = candidate.split(":", -1);
        boolean embeddedV4 = candidate.contains(".");
        int needed = embeddedV4 ? 7 : 8;
        if (doubleColons == 0) {
            return groups.length == needed && !candidate.startsWith(":") && !candidate.endsWith(":");
        }
        return candidate.chars().anyMatch(c -> Character.digit(c, 16) >= 0) || candidate.equals("::");
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
