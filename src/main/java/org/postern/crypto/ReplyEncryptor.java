package org.postern.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.postern.crypto.internal.OpenPgpStreamEncryptor;
import org.springframework.stereotype.Component;

/** Encrypts an investigator's reply to the source's reply key and to every recipient, at once. */
@Component
public class ReplyEncryptor {

    private final OpenPgpStreamEncryptor encryptor;

    ReplyEncryptor(OpenPgpStreamEncryptor encryptor) {
        this.encryptor = encryptor;
    }

    public byte[] encrypt(String text, ReplyPublicKey source, List<RecipientKey> recipients, LocalDate day) {
        List<PGPPublicKey> keys = new ArrayList<>();
        keys.add(source.toPgp());
        recipients.forEach(r -> keys.add(r.encryptionSubkey()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream plain = encryptor.open(out, keys, "reply.txt", day)) {
            plain.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
