package org.postern.crypto.internal;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
        int cpus = Runtime.getRuntime().availableProcessors();
        // Once shut down, the pool runs a task on the thread that hands it over: a message still being written
        // then hashes on its own thread instead of waiting for ever for a hash that no helper will make.
        return new ThreadPoolExecutor(cpus, cpus, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads,
                (task, pool) -> task.run());
    }
}
