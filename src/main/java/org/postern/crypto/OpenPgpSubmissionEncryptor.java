package org.postern.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

import org.postern.crypto.internal.OpenPgpStreamEncryptor;
import org.springframework.stereotype.Component;

/** The {@link SubmissionEncryptor}: each recipient's encryption subkey, handed to the OpenPGP stream encryptor. */
@Component
class OpenPgpSubmissionEncryptor implements SubmissionEncryptor {

    private final OpenPgpStreamEncryptor encryptor;

    OpenPgpSubmissionEncryptor(OpenPgpStreamEncryptor encryptor) {
        this.encryptor = encryptor;
    }

    @Override
    public OutputStream encryptingStream(OutputStream ciphertextSink, List<RecipientKey> recipients, String fileName,
            LocalDate day) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        return encryptor.open(ciphertextSink, recipients.stream().map(RecipientKey::encryptionSubkey).toList(),
                fileName, day);
    }
}
