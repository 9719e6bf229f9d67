package org.postern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class CryptoModuleTest {

    /** The helper threads belong to the context: closing it ends them, so no thread outlives Postern's core. */
    @Test
    void theEncryptionHelpersShutDownWithTheContext() {
        ExecutorService helpers;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(CryptoModule.class)) {
            helpers = context.getBean(CryptoModule.HELPERS, ExecutorService.class);
            assertThat(helpers.isShutdown()).isFalse();
        }
        assertThat(helpers.isShutdown()).isTrue();

        // A message still being written when the context closes hashes on its own thread rather than hanging.
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        helpers.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }
}
