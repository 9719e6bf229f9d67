package org.postern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The small-order check on its own, beside the hostile keys that the parser refuses through it. */
class Curve25519PointsTest {

    @Test
    void theBasePointPassesAndTheZeroPointDoesNot() {
        assertThat(Curve25519Points.problem(HexFormat.of().parseHex(
                "0900000000000000000000000000000000000000000000000000000000000000"))).isEmpty();
        assertThat(Curve25519Points.problem(new byte[32])).isPresent();
    }
}
