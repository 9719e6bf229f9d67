package org.postern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Padmé's arithmetic: what padding every length from one byte to one gibibyte gets. */
class SizePaddingTest {

    private static final long GIB = 1L << 30;
    // The least a blob carries besides its encrypted content: an X25519 key packet (94 bytes), the SEIPD header,
    // version and 18-byte prefix, and the 22-byte integrity packet.
    private static final long LEAST_FRAMING = 130;

    @Test
    void paddingCostsAtMostTwelvePercentFromOneByteToOneGibibyte() {
        long checked = 0;
        for (long length = 1; length <= GIB; length = next(length)) {
            long pad = SizePadding.PADME.paddedLength(length) - length;
            assertThat(pad).as("padding of %d", length).isNotNegative();
            assertThat(SizePadding.MarkerPadding.canFill(pad)).as("Marker packets fill %d", length).isTrue();
            // The content holds the literal data's few header bytes besides the plaintext; for content of at least
            // 256 bytes the padding alone stays under 12 %, below that the blob's fixed framing is counted too.
            long base = length >= 256 ? length : length + LEAST_FRAMING;
            assertThat((double) pad / base).as("overhead at %d", length).isLessThanOrEqualTo(0.12);
            checked++;
        }
        assertThat(SizePadding.PADME.paddedLength(GIB)).isEqualTo(GIB);
        assertThat(checked).isGreaterThan(4_000_000);
    }

    /** Every length up to 4 MiB, then steps of about 1/16384 of the length, and every power of two and its neighbours. */
    private static long next(long length) {
        if (length < (1 << 22)) {
            return length + 1;
        }
        long step = 1 + (length >>> 14);
        long power = Long.highestOneBit(length) << 1;
        return length + step >= power - 1 && length < power - 1 ? power - 1 : length + step;
    }
}
