package org.postern.onion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postern.PosternApplication;
import org.postern.RunningPostern;
import org.postern.cli.OperatorCommands;
import org.postern.testing.GnuPG;
import org.postern.testing.SecretsUsed;
import org.postern.testing.tor.ClientAuth;
import org.postern.testing.tor.HttpResult;
import org.postern.testing.tor.PrivateTorNetwork;
import org.postern.testing.tor.TorClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Postern behind both of its onion services on a private Tor network, listening on the unix sockets
 * the onion services' HiddenServicePort lines name, as deployed (no packet leaves a loopback-only
 * network namespace): a source submits over the source onion and gpg decrypts what landed; the console onion
 * refuses clients without a key, serves a device whose key {@link ClientAuthKeys} made, and refuses that key
 * again once the device is revoked.
 */
@Tag("tor")
class TorOnionServicesTest {

    private static final Logger log = LoggerFactory.getLogger(TorOnionServicesTest.class);

    @TempDir
    Path tmp;

    /** Bootstrapping the private network until both services are reachable. */
    private static final int READY_S = 130;
    /** Publishing new descriptors after a SIGHUP. */
    private static final int RELOAD_S = 60;
    /** Each request over tor: TorClient's own timeout. */
    private static final int REQUEST_S = 60;
    /** Requests in the test: the landing page, five for the submission, and three on the console. */
    private static final int REQUESTS = 9;
    /** Starting the relays, making their keys, gpg and Postern's start. */
    private static final int SETUP_S = 120;
    /** The sum of every wait above, so that an inner wait always fails first with its own message. */
    private static final int WHOLE_TEST_S = SETUP_S + READY_S + 2 * RELOAD_S + REQUESTS * REQUEST_S;

    @Test
    @Timeout(value = WHOLE_TEST_S, unit = TimeUnit.SECONDS)
    void sourceAndConsoleOnionsOverARealTorNetwork() throws Exception {
        long started = System.nanoTime();
        Path data = tmp.resolve("data");
        try (PrivateTorNetwork tor = PrivateTorNetwork.start(List.of("source", "console"), 3);
                GnuPG gpg = GnuPG.create()) {
            addRecipient(gpg.exportArmoredTo(gpg.generateCurve25519("Investigator <inv@example.org>"), tmp), data);
            Path consoleDir = tor.onionServiceDir("console");
            try (RunningPostern postern = PosternApplication.start("--postern.data-dir=" + data,
                    "--postern.source.port=0", "--postern.console.port=0",
                    // As deployed: tor's HiddenServicePort goes straight to Postern's own unix sockets.
                    "--postern.source.unix-socket=" + tor.serviceSocket("source"),
                    "--postern.console.unix-socket=" + tor.serviceSocket("console"),
                    "--postern.tor.source-hostname-file=" + tor.onionServiceDir("source").resolve("hostname"),
                    "--postern.tor.console-hostname-file=" + consoleDir.resolve("hostname"),
                    "--postern.tor.console-authorized-clients-dir=" + consoleDir.resolve("authorized_clients"))) {
                tor.awaitReady(Duration.ofSeconds(READY_S));
                Duration ready = tor.sinceTorStarted();

                OnionHostnames hostnames = postern.core().getBean(OnionHostnames.class);
                assertThat(hostnames.source()).contains(tor.onionAddress("source"));
                assertThat(hostnames.console()).contains(tor.onionAddress("console"));
                String source = "http://" + hostnames.source().orElseThrow();
                // The console's login page: public on the console side, so any refusal here comes from tor.
                String console = "http://" + hostnames.console().orElseThrow() + "/login";

                TorClient sourceClient = tor.freshClient();
                HttpResult landing = sourceClient.get(source + "/");
                Duration firstFetch = tor.sinceTorStarted();
                assertThat(landing.status()).as(landing.toString()).isEqualTo(200);
                assertThat(landing.text()).contains("Share information securely with");

                submitOverOnion(sourceClient, source, data, gpg);

                // This client has never held a console key.
                HttpResult anonymous = sourceClient.get(console);
                assertThat(anonymous.socksReply()).as("a client without a key: " + anonymous)
                        .isEqualTo(HttpResult.MISSING_CLIENT_AUTH);

                ClientAuthKeys keys = postern.core().getBean(ClientAuthKeys.class);
                ClientAuth laptop = ClientAuth.parse(keys.add("laptop").authPrivateLine());
                // Given the key now but used only after revocation, so it has no descriptor or circuit cached.
                TorClient stolenLaptop = tor.freshClient();
                stolenLaptop.addClientAuth(laptop);
                Duration addLatency = tor.reloadOnionServices("console", Duration.ofSeconds(RELOAD_S));

                HttpResult authorized = tor.fetch(console, Optional.of(laptop));
                assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
                assertThat(authorized.text()).contains("<form");

                assertThat(keys.revoke("laptop")).isTrue();
                long revokedAt = System.nanoTime();
                Duration published = tor.reloadOnionServices("console", Duration.ofSeconds(RELOAD_S));
                HttpResult revoked = stolenLaptop.get(console);
                Duration revocation = Duration.ofNanos(System.nanoTime() - revokedAt);
                // Tor tells "no key" (0xF4) from "a key that no longer opens the descriptor" (0xF5).
                assertThat(revoked.socksReply()).as("the revoked device: " + revoked)
                        .isEqualTo(HttpResult.BAD_CLIENT_AUTH);

                log.info("Tor test timings: keys made in {} s; after the first tor started: services published {} s, "
                        + "first onion fetch {} s; new device's descriptor published {} s after SIGHUP; revocation: "
                        + "new descriptors published {} s and revoked device refused {} s after revoke(); "
                        + "whole test so far {} s", seconds(tor.elapsed().minus(tor.sinceTorStarted())),
                        seconds(ready), seconds(firstFetch), seconds(addLatency), seconds(published),
                        seconds(revocation), seconds(Duration.ofNanos(System.nanoTime() - started)));
            }
        }
    }

    private static void addRecipient(Path armoredKey, Path data) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true), "recipients", "add",
                armoredKey.toString(), "--postern.data-dir=" + data);
        assertThat(exit).as(out + "\n" + err).isZero();
    }

    /** A new source: codename, account, then one message and one file, through the source onion. */
    private static void submitOverOnion(TorClient client, String source, Path data, GnuPG gpg)
            throws IOException {
        Set<Path> before = storedBlobs(data);
        HttpResult codename = client.get(source + "/generate");
        assertThat(codename.status()).as(codename.toString()).isEqualTo(200);
        Document codenamePage = Jsoup.parse(codename.text());
        SecretsUsed.record(SecretsUsed.Kind.CODENAME, codenamePage.getElementById("codename").text());
        String csrf = codenamePage.select("form[action^=/create] input[name=_csrf]").attr("value");
        assertThat(csrf).isNotEmpty();

        HttpResult created = client.postForm(source + "/create", Map.of("_csrf", csrf));
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).contains("/lookup"));

        HttpResult lookup = client.get(source + "/lookup?new");
        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
        String action = Jsoup.parse(lookup.text()).select("form[enctype=multipart/form-data]").attr("action");
        assertThat(action).startsWith("/submit?_csrf=");

        String message = "Meeting notes attached. Sent over a private Tor network.";
        SecretsUsed.record(SecretsUsed.Kind.MESSAGE, message);
        SecretsUsed.record(SecretsUsed.Kind.FILE_NAME, "minutes.pdf");
        byte[] document = "%PDF-1.4 not really a PDF, but secret all the same\n".getBytes(StandardCharsets.UTF_8);
        HttpResult submitted = client.postMultipart(source + action, List.of(
                new TorClient.Part("message", null, null, message.getBytes(StandardCharsets.UTF_8)),
                new TorClient.Part("files", "minutes.pdf", "application/pdf", document)));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(303);
        assertThat(submitted.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/lookup"));
        HttpResult receipt = client.get(source + "/lookup");
        assertThat(receipt.text()).contains("your submission was received");

        Set<Path> landed = new HashSet<>(storedBlobs(data));
        landed.removeAll(before);
        assertThat(landed).as("one blob for the message, one for the file").hasSize(2);
        List<String> plaintexts = new ArrayList<>();
        for (Path blob : landed) {
            GnuPG.Decrypted decrypted = gpg.decrypt(blob);
            assertThat(decrypted.integrityOk()).as(decrypted.status()).isTrue();
            plaintexts.add(decrypted.text());
        }
        assertThat(plaintexts).containsExactlyInAnyOrder(message, new String(document, StandardCharsets.UTF_8));
    }

    private static Set<Path> storedBlobs(Path data) throws IOException {
        Set<Path> blobs = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data.resolve("store"), Files::isRegularFile)) {
            files.forEach(blobs::add);
        }
        return blobs;
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }
}
