package org.postern.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

/**
 * Encrypts a stream as it arrives into one OpenPGP message to every recipient. It holds no private key and
 * cannot decrypt anything it wrote.
 */
public interface SubmissionEncryptor {

    /**
     * Opens a plaintext stream whose bytes are encrypted into {@code ciphertextSink}. Closing the returned stream
     * writes the integrity check and finishes the message; it does not close the sink.
     *
     * @param fileName stored only inside the encrypted literal data
     * @param day      the literal data's date, kept to the day
     */
    OutputStream encryptingStream(OutputStream ciphertextSink, List<RecipientKey> recipients, String fileName,
            LocalDate day) throws IOException;
}
