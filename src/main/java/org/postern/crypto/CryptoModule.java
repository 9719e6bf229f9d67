package org.postern.crypto;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoModule {

    static final String HELPERS = "encryptionHelpers";

    /** The platform's default strong source; on Linux it reads the kernel's pool without blocking. */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /**
     * The threads that hash messages' integrity checks beside their ciphers, one per CPU for the whole process:
     * with many uploads at once the CPUs are busy anyway, and more threads would only add hand-offs.
     */
    @Bean(name = HELPERS, destroyMethod = "shutdown")
    ExecutorService encryptionHelpers() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "postern-mdc-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), threads);
    }
}
