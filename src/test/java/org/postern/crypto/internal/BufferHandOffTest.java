package org.postern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hand-off behind the cipher and SHA-1 helpers: every byte once and in order, failures, and wiped buffers. */
class BufferHandOffTest {

    private static final ExecutorService HELPERS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        HELPERS.shutdown();
    }

    @Test
    void theStepSeesEveryByteInOrderAndTheBuffersEndZeroed() throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Set<byte[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        BufferHandOff handOff = new BufferHandOff(HELPERS, (buffer, length) -> {
            buffers.add(buffer);
            seen.write(buffer, 0, length);
        });
        byte[] plaintext = new byte[700_001];
        Random random = new Random(3);
        random.nextBytes(plaintext);
        for (int off = 0; off < plaintext.length;) {
            int n = Math.min(plaintext.length - off, 1 + random.nextInt(90_000));
            handOff.write(plaintext, off, n);
            off += n;
        }
        handOff.drain();

        assertThat(seen.toByteArray()).isEqualTo(plaintext);
        assertThat(buffers).hasSizeBetween(2, 4).allSatisfy(b -> assertThat(b).containsOnly(0));
    }

    @Test
    void aFailingStepFailsTheWriterWithItsOwnExceptionFromThenOn() {
        IOException diskFull = new IOException("No space left on device");
        AtomicInteger steps = new AtomicInteger();
        BufferHandOff handOff = new BufferHandOff(HELPERS, (buffer, length) -> {
            if (steps.incrementAndGet() == 2) {
                throw diskFull;
            }
        });
        byte[] piece = new byte[50_000];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                handOff.write(piece, 0, piece.length);
            }
            handOff.drain();
        }).isSameAs(diskFull);
        assertThatThrownBy(() -> handOff.write(piece, 0, 1)).isSameAs(diskFull);
        assertThatThrownBy(handOff::drain).isSameAs(diskFull);
    }

    @Test
    void anAbandonedMessageLeavesNoPlaintextInTheBuffersTheStepSaw() throws IOException {
        Set<byte[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        BufferHandOff handOff = new BufferHandOff(HELPERS, (buffer, length) -> buffers.add(buffer));
        byte[] piece = new byte[150_000];
        java.util.Arrays.fill(piece, (byte) 'P');
        handOff.write(piece, 0, piece.length);
        handOff.settle();

        assertThat(buffers).isNotEmpty().allSatisfy(b -> assertThat(b).containsOnly(0));
    }
}
