package org.postern.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * Argon2id from a codename to {@link SourceSecrets}: one run with the lookup pepper, one with the reply pepper.
 * Each run holds its memory cost, so only a bounded number run at once; the rest wait briefly, then are refused.
 */
@Component
public class CodenameKdf {

    private static final byte[] LOOKUP_SALT = "postern lookup id v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLY_SALT = "postern reply key seed v1".getBytes(StandardCharsets.US_ASCII);
    private static final int OUTPUT_BYTES = 32;

    private final Peppers peppers;
    private final PosternProperties.Argon2 cost;
    private final Argon2Slots slots;

    CodenameKdf(Peppers peppers, PosternProperties properties, Argon2Slots slots) {
        this.peppers = peppers;
        this.cost = properties.argon2();
        this.slots = slots;
    }

    /** @throws KdfBusyException if no slot frees up within the configured wait */
    public SourceSecrets derive(Codename codename) {
        return slots.run(() -> {
            byte[] lookup = argon2(codename, LOOKUP_SALT, peppers.lookup());
            String lookupId = HexFormat.of().formatHex(lookup);
            return new SourceSecrets(lookupId, SecretBytes.adopt(argon2(codename, REPLY_SALT, peppers.reply())));
        });
    }

    private byte[] argon2(Codename codename, byte[] salt, SecretBytes pepper) {
        byte[] secret = pepper.copyBytesRisky();
        byte[] password = codename.utf8();
        try {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKib())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .withSecret(secret)
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[OUTPUT_BYTES];
            generator.generateBytes(password, out);
            return out;
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
            java.util.Arrays.fill(password, (byte) 0);
        }
    }
}
