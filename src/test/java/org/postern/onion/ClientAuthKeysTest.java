package org.postern.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.KeyAgreement;

import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientAuthKeysTest {

    @TempDir
    Path tmp;

    Path authorized;
    ClientAuthKeys keys;

    @BeforeEach
    void setUp() throws IOException {
        authorized = tmp.resolve("console/authorized_clients");
        Path hostname = tmp.resolve("hostname");
        Files.writeString(hostname, OnionHostnamesTest.ONION + "\n");
        keys = keys(Map.of("postern.tor.console-authorized-clients-dir", authorized.toString(),
                "postern.tor.console-hostname-file", hostname.toString()));
    }

    private static ClientAuthKeys keys(Map<String, String> settings) {
        var properties = TestProperties.of(settings);
        return new ClientAuthKeys(properties, new OnionHostnames(properties), new SecureRandom());
    }

    @Test
    void writesOnlyThePublicHalfInTorsFormat() throws Exception {
        DeviceCredential credential = keys.add("laptop-1");

        Path file = authorized.resolve("laptop-1.auth");
        String content = Files.readString(file);
        assertThat(content).matches("descriptor:x25519:[A-Z2-7]{52}\n");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(authorized)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        String onion = OnionHostnamesTest.ONION.replace(".onion", "");
        assertThat(credential.onion()).isEqualTo(onion);
        assertThat(credential.privateKey()).matches("[A-Z2-7]{52}");
        assertThat(credential.authPrivateLine()).isEqualTo(onion + ":descriptor:x25519:" + credential.privateKey());
        assertThat(credential.toString()).doesNotContain(credential.privateKey());
        assertThat(sameKeyPair(credential.privateKey(), content.substring("descriptor:x25519:".length()).trim()))
                .as("the stored public key belongs to the handed-out private key").isTrue();
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(credential.privateKey());
            }
        }
    }

    @Test
    void listsRevokesAndRefusesDuplicates() throws IOException {
        keys.add("phone");
        keys.add("laptop");
        assertThatThrownBy(() -> keys.add("phone")).isInstanceOf(DeviceAlreadyAuthorized.class);

        assertThat(keys.list()).containsExactly("laptop", "phone");
        assertThat(keys.revoke("phone")).isTrue();
        assertThat(keys.revoke("phone")).isFalse();
        assertThat(keys.list()).containsExactly("laptop");
        assertThat(authorized.resolve("phone.auth")).doesNotExist();
        try (Stream<Path> files = Files.list(authorized)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temp files left behind")
                    .containsExactlyInAnyOrder("laptop.auth", ClientAuthKeys.LOCK_FILE);
        }
    }

    @Test
    void keepsALockKeySoRevokingTheLastDeviceNeverOpensTheConsole() throws IOException {
        Path lock = authorized.resolve(ClientAuthKeys.LOCK_FILE);
        assertThat(lock).as("written at startup, before any device").exists();
        String lockLine = Files.readString(lock);
        assertThat(lockLine).matches("descriptor:x25519:[A-Z2-7]{52}\n");

        keys.add("only");
        Files.delete(lock);
        keys.revoke("only");

        assertThat(Files.readString(lock)).matches("descriptor:x25519:[A-Z2-7]{52}\n");
        assertThat(keys.list()).isEmpty();
    }

    @Test
    void refusesNamesThatAreNotPlainDeviceNames() throws IOException {
        Files.createDirectories(tmp.resolve("elsewhere"));
        String[] bad = {"", "Laptop", "-x", "a_b", "../elsewhere/x", "..", "a/b", "a\\b", "a.auth", "laptop ",
            "x".repeat(41), "ä", "a\0b", "_postern-lock"};
        for (String name : bad) {
            assertThatThrownBy(() -> keys.add(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> keys.revoke(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> keys.add(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.add("x".repeat(40)).deviceName()).hasSize(40);
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()))
                    .containsExactlyInAnyOrder("hostname", "console/authorized_clients/" + ClientAuthKeys.LOCK_FILE,
                            "console/authorized_clients/" + "x".repeat(40) + ".auth");
        }
    }

    @Test
    void listIgnoresFilesThatAreNotDeviceKeys() throws IOException {
        keys.add("desk");
        Files.writeString(authorized.resolve("Bad_Name.auth"), "x");
        Files.writeString(authorized.resolve("notes.txt"), "x");
        Files.writeString(authorized.resolve(".abc.tmp"), "x");

        assertThat(keys.list()).containsExactly("desk");
    }

    @Test
    void saysWhatIsMissingWhenNotConfigured() throws IOException {
        ClientAuthKeys unconfigured = keys(Map.of());
        assertThatThrownBy(() -> unconfigured.add("laptop")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postern.tor.console-authorized-clients-dir");

        Map<String, String> noHostname = new HashMap<>();
        noHostname.put("postern.tor.console-authorized-clients-dir", tmp.resolve("other").toString());
        ClientAuthKeys withoutAddress = keys(noHostname);
        assertThatThrownBy(() -> withoutAddress.add("laptop")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postern.tor.console-hostname-file");
        assertThat(tmp.resolve("other/laptop.auth")).doesNotExist();
    }

    /** An X25519 agreement with a third key comes out the same from both sides only if the two halves match. */
    private static boolean sameKeyPair(String privateBase32, String publicBase32) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey ours = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                Base32.decode(privateBase32 + "====")));
        PublicKey oursPublic = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                littleEndian(Base32.decode(publicBase32 + "===="))));
        var other = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
        KeyAgreement a = KeyAgreement.getInstance("XDH");
        a.init(ours);
        a.doPhase(other.getPublic(), true);
        KeyAgreement b = KeyAgreement.getInstance("XDH");
        b.init(other.getPrivate());
        b.doPhase(oursPublic, true);
        return java.util.Arrays.equals(a.generateSecret(), b.generateSecret());
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, reversed);
    }
}
