package org.postern.crypto.internal;

import java.util.concurrent.ExecutorService;

/** The encryption helpers as {@link CryptoModule} makes them, one pool for the test JVM (daemon threads). */
public final class TestHelpers {

    public static final ExecutorService POOL = new CryptoModule().encryptionHelpers();

    private TestHelpers() {
    }
}
