package org.postern.crypto;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postern.testing.GnuPG;

/**
 * A Curve25519 recipient and an RSA one, each made by gpg in a home of its own, so that each home can only open
 * what was encrypted to its own key: the Curve25519 one before the class, removed after it; the RSA one shared by
 * the JVM ({@link GpgRecipient#sharedRsa}). Register it on a static field.
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
        rsa = GpgRecipient.sharedRsa(rsaBits);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (curve != null) {
            curve.home().close();
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
