package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.GnuPG;
import org.postern.testing.GnuPGHomes;

/** Keys made by the real gpg: the kinds investigators bring are accepted, the dangerous ones refused clearly. */
class RecipientKeyParserTest {

    @RegisterExtension
    static final GnuPGHomes HOMES = new GnuPGHomes();

    private final RecipientKeyParser parser = new RecipientKeyParser(Clock.systemUTC());

    /** The investigators' gpg home, shared by the class's keys. */
    private static GnuPG gpg() {
        return HOMES.of("investigators");
    }

    @Test
    void acceptsCurve25519KeyAndPicksTheCv25519Subkey() throws Exception {
        String fpr = gpg().generateCurve25519("Curve <curve@example.org>");
        RecipientKey key = parser.parse(gpg().exportArmored(fpr));
        assertThat(key.fingerprint()).isEqualTo(fpr);
        assertThat(key.userIds()).containsExactly("Curve <curve@example.org>");
        assertThat(key.algorithm()).isEqualTo("ed25519");
        assertThat(key.encryptionSubkey().isMasterKey()).isFalse();
        assertThat(key.expiresAt()).isEmpty();
    }

    @Test
    void acceptsRsa4096WithEncryptionSubkeyAndNeverTheCertifyOnlyPrimary() throws Exception {
        GpgRecipient rsa = GpgRecipient.sharedRsa(4096);
        RecipientKey key = parser.parse(rsa.home().exportArmored(rsa.fingerprint()));
        assertThat(key.fingerprint()).isEqualTo(rsa.fingerprint());
        assertThat(key.algorithm()).isEqualTo("RSA-4096");
        // isEncryptionKey() says yes to the RSA primary; the key flags say it may only certify and sign.
        assertThat(key.encryptionSubkey().isMasterKey()).isFalse();
        assertThat(key.encryptionSubkey().getBitStrength()).isEqualTo(4096);
    }

    @Test
    void usableUntilIsTheEarlierOfPrimaryAndEncryptionSubkeyExpiry() throws Exception {
        RecipientKey never = parser.parse(gpg().exportArmored(gpg().generateCurve25519("Never <never@example.org>")));
        assertThat(never.usableUntil()).isEmpty();

        RecipientKey both = parser.parse(gpg().exportArmored(gpg().generateExpiringIn("Both <both@example.org>", 20)));
        assertThat(both.expiresAt()).isPresent();
        assertThat(both.usableUntil().orElseThrow()).isBetween(Instant.now().plus(Duration.ofDays(19)),
                Instant.now().plus(Duration.ofDays(21)));

        // The common pattern: a primary key kept for ever, a short-lived encryption subkey renewed now and then.
        RecipientKey subkeyOnly = parser.parse(gpg().exportArmored(
                gpg().generateSubkeyExpiringIn("Renewing <renew@example.org>", 10)));
        assertThat(subkeyOnly.expiresAt()).isEmpty();
        assertThat(subkeyOnly.usableUntil().orElseThrow()).isBetween(Instant.now().plus(Duration.ofDays(9)),
                Instant.now().plus(Duration.ofDays(11)));
    }

    @Test
    void refusesRsa2048() {
        String fpr = gpg().generateRsa("Weak <weak@example.org>", 2048);
        assertThatThrownBy(() -> parser.parse(gpg().exportArmored(fpr)))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("at least 3072 bits").hasMessageContaining("2048");
    }

    @Test
    void refusesSignOnlyKey() {
        String fpr = gpg().generateSignOnly("Signer <sign@example.org>");
        assertThatThrownBy(() -> parser.parse(gpg().exportArmored(fpr)))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("no encryption subkey");
    }

    @Test
    void refusesExpiredKey() {
        String fpr = gpg().generateExpired("Old <old@example.org>");
        assertThatThrownBy(() -> parser.parse(gpg().exportArmored(fpr)))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("expired on 2020-01-02");
    }

    @Test
    void refusesRevokedKey() {
        String fpr = gpg().generateCurve25519("Revoked <revoked@example.org>");
        gpg().revoke(fpr);
        assertThatThrownBy(() -> parser.parse(gpg().exportArmored(fpr)))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("revoked");
    }

    @Test
    void refusesGarbageAndPrivateKeysAndSeveralKeys() {
        assertThatThrownBy(() -> parser.parse("hello")).hasMessageContaining("not an ASCII-armored");
        assertThatThrownBy(() -> parser.parse("")).hasMessageContaining("No key");
        assertThatThrownBy(() -> parser.parse("-----BEGIN PGP PRIVATE KEY BLOCK-----\nxx"))
                .hasMessageContaining("PRIVATE key");
        String a = gpg().generateCurve25519("A <a@example.org>");
        String b = gpg().generateCurve25519("B <b@example.org>");
        String both = new String(gpgExportBoth(a, b));
        assertThatThrownBy(() -> parser.parse(both)).hasMessageContaining("exactly one public key");
    }

    @Test
    void refusesACertificateWhoseSubkeyBindingWasTamperedWith() {
        String fpr = gpg().generateCurve25519("Tamper <tamper@example.org>");
        String armored = gpg().exportArmored(fpr);
        String tampered = TamperedKeys.corruptSubkeyBindingSignature(armored);
        assertThatThrownBy(() -> parser.parse(tampered))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("no valid signature from its primary key");
    }

    @Test
    void expiryComesFromVerifiedSelfSignaturesOnlyNotAForgedRenewal() {
        // Its genuine self-signature let it expire 20 days ago; a newer one, not made by the key, says "never".
        assertThatThrownBy(() -> parser.parse(HostileKeys.expiredWithForgedRenewal()))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("expired on");
    }

    @Test
    void refusesAKeyWhoseOnlySelfSignatureIsForged() {
        String onlyForged = TamperedKeys.forgeEverySelfSignature(gpg().exportArmored(
                gpg().generateCurve25519("Forged <forged@example.org>")));
        assertThatThrownBy(() -> parser.parse(onlyForged))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("no valid self-signature")
                .satisfies(e -> assertThat(((KeyRejectedException) e).consoleKey()).contains("keyRefused.noSelfSignature"));
    }

    @Test
    void refusesAnRsaExponentBelow65537() {
        assertThatThrownBy(() -> parser.parse(HostileKeys.rsaExponent3()))
                .isInstanceOf(KeyRejectedException.class)
                .hasMessageContaining("public exponent is 3;")
                .satisfies(e -> assertThat(((KeyRejectedException) e).consoleKey()).contains("keyRefused.rsaExponent"));
    }

    @Test
    void refusesAnX25519SubkeyOfSmallOrderOrZero() {
        for (boolean zero : new boolean[] {false, true}) {
            assertThatThrownBy(() -> parser.parse(HostileKeys.x25519SmallOrder(zero)))
                    .as(zero ? "the zero point" : "a point of order 8")
                    .isInstanceOf(KeyRejectedException.class)
                    .hasMessageContaining("small order")
                    .satisfies(e -> assertThat(((KeyRejectedException) e).consoleKey()).contains("keyRefused.weakPoint"));
        }
    }

    private static byte[] gpgExportBoth(String a, String b) {
        return (gpg().exportArmored(a) + "\n" + gpg().exportArmored(b)).getBytes();
    }
}
