package org.postern.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/** Row ids: 128 random bits in hex, so their order tells nothing about when anyone acted. */
@Component
public class RandomIds {

    private final SecureRandom random;

    RandomIds(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
