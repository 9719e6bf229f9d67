package org.postern.accounts;

import org.postern.crypto.SecretBytes;

/** What a person submits to create an account or re-enrol: the TOTP secret was shown to them as a QR code. */
public record EnrolmentRequest(String token, String username, String password, SecretBytes totpSecret,
        String totpCode) {

    @Override
    public String toString() {
        return "EnrolmentRequest[REDACTED]";
    }
}
