package org.postern.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Pads an OpenPGP message's encrypted content so that its length reveals little about the plaintext's. The
 * padding is a run of Marker packets written inside the encrypted data, after the literal data: readers must
 * ignore Marker packets (RFC 9580, 5.8), and GnuPG 2.2 and Sequoia 1.12 both do so silently, where Sequoia 1.12
 * rejects the newer Padding packet. Only the encrypted content's final length is needed, so a stream whose
 * length is known only at its end is padded all the same.
 */
interface SizePadding {

    /** Padmé (Nikitin et al., PETS 2019): at most about 12 % more, and only O(log log L) bits of L revealed. */
    SizePadding PADME = SizePadding::padme;

    /** No padding; for comparisons in tests and benchmarks. */
    SizePadding NONE = length -> length;

    /** The length that encrypted content of {@code length} bytes is padded to. */
    long paddedLength(long length);

    /**
     * The Padmé length of {@code length}: its low bits cleared so that only the exponent and its top
     * ⌊log₂ E⌋ + 1 bits remain, rounded up, and moved up further where the difference cannot be made of
     * Marker packets.
     */
    private static long padme(long length) {
        long target = roundUp(length);
        while (!MarkerPadding.canFill(target - length)) {
            target = roundUp(target + 1);
        }
        return target;
    }

    private static long roundUp(long length) {
        if (length < 2) {
            return length;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(length);
        int exponentBits = 32 - Integer.numberOfLeadingZeros(exponent);
        int lastBits = exponent - exponentBits;
        if (lastBits <= 0) {
            return length;
        }
        long mask = (1L << lastBits) - 1;
        return (length + mask) & ~mask;
    }

    /** Writes {@code bytes} of Marker packets. Each says "PGP"; framing variants give 5, 6, 8 or 9 bytes each. */
    final class MarkerPadding {

        // Marker packet, tag 10, in the four framings: new format with a one-octet length, old format with one,
        // two and four octets of length, new format with five octets.
        private static final byte[] FIVE = {(byte) 0xCA, 3, 'P', 'G', 'P'};
        private static final byte[] SIX = {(byte) 0xA9, 0, 3, 'P', 'G', 'P'};
        private static final byte[] EIGHT = {(byte) 0xAA, 0, 0, 0, 3, 'P', 'G', 'P'};
        private static final byte[] NINE = {(byte) 0xCA, (byte) 0xFF, 0, 0, 0, 3, 'P', 'G', 'P'};
        private static final int RUN_MARKERS = 13_107;
        private static final byte[] RUN = run();

        private MarkerPadding() {
        }

        /** Every length but 1–4 and 7 is a sum of 5, 6, 8 and 9. */
        static boolean canFill(long bytes) {
            return bytes == 0 || bytes == 5 || bytes == 6 || bytes >= 8;
        }

        static void write(OutputStream out, long bytes) throws IOException {
            if (!canFill(bytes)) {
                throw new IllegalArgumentException("Marker packets cannot fill " + bytes + " bytes");
            }
            long fives = bytes / 5;
            switch ((int) (bytes % 5)) {
                case 1 -> {
                    out.write(SIX);
                    fives -= 1;
                }
                case 2 -> {
                    out.write(SIX);
                    out.write(SIX);
                    fives -= 2;
                }
                case 3 -> {
                    out.write(EIGHT);
                    fives -= 1;
                }
                case 4 -> {
                    out.write(NINE);
                    fives -= 1;
                }
                default -> {
                }
            }
            for (; fives >= RUN_MARKERS; fives -= RUN_MARKERS) {
                out.write(RUN);
            }
            out.write(RUN, 0, (int) fives * FIVE.length);
        }

        private static byte[] run() {
            byte[] run = new byte[RUN_MARKERS * FIVE.length];
            for (int i = 0; i < RUN_MARKERS; i++) {
                System.arraycopy(FIVE, 0, run, i * FIVE.length, FIVE.length);
            }
            return run;
        }
    }
}
