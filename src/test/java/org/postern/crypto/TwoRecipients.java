package org.postern.crypto;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postern.testing.GnuPG;

/**
 * A Curve25519 recipient and an RSA one, each made by gpg in a home of its own before the class and removed after
 * it: so that each home can only open what was encrypted to its own key. Register it on a static field.
 */
final class TwoRecipients implements BeforeAllCallback, AfterAllCallback {

    private final int rsaBits;
    private GpgRecipient curve;
    private GpgRecipient rsa;

    TwoRecipients(int rsaBits) {
        this.rsaBits = rsaBits;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        curve = GpgRecipient.curve25519(GnuPG.create(), "C <c@example.org>");
        rsa = GpgRecipient.rsa(GnuPG.create(), "R <r@example.org>", rsaBits);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (GpgRecipient recipient : new GpgRecipient[] {curve, rsa}) {
            if (recipient != null) {
                recipient.home().close();
            }
        }
        curve = null;
        rsa = null;
    }

    GpgRecipient curve() {
        return curve;
    }

    GpgRecipient rsa() {
        return rsa;
    }
}
