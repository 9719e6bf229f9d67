package org.postern.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;

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
    }
}
