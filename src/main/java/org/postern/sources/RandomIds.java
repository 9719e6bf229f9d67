package org.postern.sources;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/** Row ids: random, so their order tells nothing about when a source acted. */
@Component
class RandomIds {

    private final SecureRandom random;

    RandomIds(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
