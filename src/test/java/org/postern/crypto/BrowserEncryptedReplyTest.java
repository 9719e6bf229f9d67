package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.Test;

/**
 * The shape check on replies encrypted in a browser, against messages Bouncy Castle writes: well-formed ones to
 * exactly the required keys pass; a missing or extra recipient, no MDC, trailing data, truncation and garbage
 * are each refused with a reason.
 */
class BrowserEncryptedReplyTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final PGPKeyPair source = keyPair();
    private final PGPKeyPair alice = keyPair();
    private final PGPKeyPair bob = keyPair();
    private final PGPKeyPair mallory = keyPair();
    private final Map<Long, String> required = Map.of(source.getKeyID(), "",
            alice.getKeyID(), "alice", bob.getKeyID(), "bob");

    @Test
    void aReplyToExactlyTheRequiredKeysPasses() throws Exception {
        byte[] message = encrypt(true, source, alice, bob);
        assertThat(BrowserEncryptedReply.check(message, required, 1 << 20).bytes()).isEqualTo(message);
    }

    @Test
    void aMissingRecipientIsRefused() throws Exception {
        assertThatThrownBy(() -> BrowserEncryptedReply.check(encrypt(true, source, alice), required, 1 << 20))
                .isInstanceOf(BrowserEncryptedReply.Refused.class).hasMessageContaining("not encrypted to the recipient key bob");
        assertThatThrownBy(() -> BrowserEncryptedReply.check(encrypt(true, alice, bob), required, 1 << 20))
                .hasMessageContaining("not encrypted to the source's reply key");
    }

    @Test
    void anExtraRecipientIsRefused() {
        assertThatThrownBy(() -> BrowserEncryptedReply.check(encrypt(true, source, alice, bob, mallory), required,
                1 << 20)).isInstanceOf(BrowserEncryptedReply.Refused.class)
                .hasMessageContaining("not one of this source's recipients");
    }

    @Test
    void noMdcIsRefused() {
        assertThatThrownBy(() -> BrowserEncryptedReply.check(encrypt(false, source, alice, bob), required, 1 << 20))
                .isInstanceOf(BrowserEncryptedReply.Refused.class).hasMessageContaining("no integrity protection");
    }

    @Test
    void garbageTruncationTrailingDataAndOversizeAreRefused() throws Exception {
        byte[] good = encrypt(true, source, alice, bob);
        byte[] garbage = new byte[4096];
        RANDOM.nextBytes(garbage);
        garbage[0] = 0x00;
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        trailing[good.length] = (byte) 0xCB; // a new-format literal data packet header
        trailing[good.length + 1] = 1;
        for (byte[] bad : List.of(garbage, "-----BEGIN PGP MESSAGE-----".getBytes(), Arrays.copyOf(good, 100),
                trailing, new byte[0])) {
            assertThatThrownBy(() -> BrowserEncryptedReply.check(bad, required, 1 << 20))
                    .isInstanceOf(BrowserEncryptedReply.Refused.class).hasMessageStartingWith("The ");
        }
        assertThatThrownBy(() -> BrowserEncryptedReply.check(good, required, good.length - 1))
                .hasMessageContaining("too large");
    }

    private static byte[] encrypt(boolean integrity, PGPKeyPair... to) throws IOException {
        try {
            PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                    new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(integrity)
                            .setSecureRandom(RANDOM));
            for (PGPKeyPair key : to) {
                generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.getPublicKey()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream encrypted = generator.open(out, new byte[1 << 12]);
                    OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.UTF8,
                            "reply.txt", new Date(), new byte[1 << 12])) {
                literal.write("a reply".getBytes());
            }
            return out.toByteArray();
        } catch (org.bouncycastle.openpgp.PGPException e) {
            throw new IOException(e);
        }
    }

    private static PGPKeyPair keyPair() {
        X25519KeyPairGenerator generator = new X25519KeyPairGenerator();
        generator.init(new X25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            return new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDH, pair, new Date());
        } catch (org.bouncycastle.openpgp.PGPException e) {
            throw new IllegalStateException(e);
        }
    }
}
