package org.postern.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Console TOTP seeds are stored sealed under a key outside the database, bound to their own account. */
class TotpSealingTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void seedsAreSealedBoundToTheirAccountAndOlderPlainSeedsAreSealedAtStart(PosternTestServer server,
            ConsoleAccounts accounts, @Admin Person ada) throws IOException {
        // Invited but never logged in: no code of ivy's is spent before the one tried with ada's seed.
        Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy");
        String adaStored = stored(server, "ada");
        assertThat(adaStored).startsWith("sealed1:");
        assertThat(forms(ada.totpSecret())).noneMatch(
                form -> adaStored.contains(new String(form, StandardCharsets.ISO_8859_1)));
        Path key = server.dataDir().resolve("secrets/database-seal-key");
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(filesContainingAny(server.dataDir(), forms(ada.totpSecret()))).isEmpty();

        // Ada's sealed seed copied into ivy's row does not open there: ada's current code does not work for ivy.
        String ivyStored = stored(server, "ivy");
        setStored(server, "ivy", adaStored);
        TestBrowser fresh = new TestBrowser(server.consoleUrl());
        assertThat(ConsoleAccounts.logIn(fresh, "ivy", ivy.password(),
                Totp.codeAt(ada.totpSecret(), server.clock().instant())).path()).startsWith("/login");
        assertThat(fresh.history()).noneMatch(page -> page.status() >= 500);

        // A seed stored in the clear by an older version is sealed at the next start, and still works.
        setStored(server, "ivy", Base64.getEncoder().encodeToString(ivy.totpSecret()));
        server.bean(JdbcClient.class).sql("update account set failed_logins = 0, locked_until = null").update();
        server.stop();
        server.start();
        String resealed = stored(server, "ivy");
        assertThat(resealed).startsWith("sealed1:").isNotEqualTo(ivyStored);
        assertThat(ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "ivy", ivy.password(),
                ivy.freshCode()).path()).isEqualTo("/");
    }

    private static String stored(PosternTestServer server, String username) {
        return server.bean(JdbcClient.class).sql("select totp_secret from account where username = ?")
                .param(username).query(String.class).single();
    }

    private static void setStored(PosternTestServer server, String username, String value) {
        server.bean(JdbcClient.class).sql("update account set totp_secret = ? where username = ?")
                .params(value, username).update();
    }

    /** The seed as raw bytes and in the encodings a careless store would use. */
    private static List<byte[]> forms(byte[] seed) {
        return List.of(seed, Base64.getEncoder().encodeToString(seed).getBytes(StandardCharsets.US_ASCII),
                new Base32().encodeAsString(seed).replace("=", "").getBytes(StandardCharsets.US_ASCII));
    }

    private static List<Path> filesContainingAny(Path dir, List<byte[]> needles) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> containsAny(f, needles)).toList();
        }
    }

    private static boolean containsAny(Path file, List<byte[]> needles) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return needles.stream().anyMatch(n -> indexOf(bytes, n) >= 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
