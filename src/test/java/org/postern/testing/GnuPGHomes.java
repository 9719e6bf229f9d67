package org.postern.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway gpg homes, one per name, for classes in which several people each hold keys of their own: a home is
 * made on first use and removed after the class. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final GnuPGHomes HOMES = new GnuPGHomes();
 * ...
 * String fpr = HOMES.of("ivy").generateCurve25519("Ivy &lt;ivy@example.org&gt;");
 * </pre>
 */
public final class GnuPGHomes implements AfterAllCallback {

    private final Map<String, GnuPG> homes = new LinkedHashMap<>();

    /** The home of this name, made on first use. */
    public synchronized GnuPG of(String name) {
        return homes.computeIfAbsent(name, n -> GnuPG.create());
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        homes.values().forEach(GnuPG::close);
        homes.clear();
    }
}
