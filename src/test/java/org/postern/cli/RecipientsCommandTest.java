package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postern.crypto.Fingerprints;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternProcess;
import org.postern.testing.SharedPosternProcess;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/** {@code recipients add|list|remove} as an operator runs them, with keys made by the real gpg. */
class RecipientsCommandTest {

    @TempDir
    static Path keys;
    private static GnuPG gpg;
    private static String fingerprint;
    private static Path keyFile;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void makeKeys() {
        gpg = GnuPG.create();
        fingerprint = gpg.generateCurve25519("Investigator <inv@example.org>");
        keyFile = gpg.exportArmoredTo(fingerprint, keys);
    }

    @AfterAll
    static void removeKeysAndRestoreLogging() {
        gpg.close();
        // Each in-process command turns root logging off for quiet output; later tests in this JVM want it back.
        LoggingSystem.get(RecipientsCommandTest.class.getClassLoader())
                .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    @Test
    void addListAndRemoveAKey() {
        Result added = run("recipients", "add", keyFile.toString());
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added recipient " + Fingerprints.grouped(fingerprint))
                .contains("Fingerprint: " + fingerprint).contains("Investigator <inv@example.org>");

        Result again = run("recipients", "add", keyFile.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains(fingerprint).contains("already registered");

        Result listed = run("recipients", "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).containsPattern(fingerprint + " +APPROVED +OPERATOR +ed25519 +expires never");

        String typed = Fingerprints.grouped(fingerprint).toLowerCase(Locale.ROOT);
        Result removed = run("recipients", "remove", typed);
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("Removed recipient " + Fingerprints.grouped(fingerprint));
        assertThat(run("recipients", "list").out()).contains("No recipient keys").doesNotContain(fingerprint);
    }

    @Test
    void removingAnUnknownOrMalformedFingerprintFailsClearly() {
        Result unknown = run("recipients", "remove", fingerprint);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("No recipient key has fingerprint " + fingerprint);

        Result malformed = run("recipients", "remove", "not-hex");
        assertThat(malformed.code()).isEqualTo(1);
        assertThat(malformed.err()).contains("Not a fingerprint").contains("40 hexadecimal characters");
    }

    @Test
    void aSignOnlyKeyIsRefusedWithTheReason() {
        String signOnly = gpg.generateSignOnly("Signer <sign@example.org>");

        Result refused = run("recipients", "add", gpg.exportArmoredTo(signOnly, keys).toString());

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("Key refused").contains("no encryption subkey");
        assertThat(run("recipients", "list").out()).contains("No recipient keys");
    }

    @Test
    void aMissingKeyFileIsReportedByName() {
        Path missing = keys.resolve("missing.asc");

        Result refused = run("recipients", "add", missing.toString());

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("Cannot read " + missing);
    }

    /** The server runs as its own process, as in production: inside one JVM, H2 would share the open database. */
    @Test
    @ExtendWith(SharedPosternProcess.class)
    void whileTheServerHoldsTheDatabaseItSaysToStopTheServer(PosternProcess server) {
        Result refused = run(server.dataDir(), "recipients", "list");

        assertThat(refused.code()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("database is in use").contains("Stop the server");
        assertThat(refused.out()).isEmpty();
    }

    private Result run(String... args) {
        return run(dataDir, args);
    }

    private static Result run(Path dataDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--postern.data-dir=" + dataDir))
                .toArray(String[]::new);
        int code = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
