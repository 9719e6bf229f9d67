package org.postern.crypto;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.postern.config.PosternProperties;
import org.springframework.stereotype.Component;

/**
 * Every Argon2id run, codename or password, holds its memory cost while it runs; this bounds how many run at
 * once by the heap, not by one global lock. Callers past the bound wait briefly, then are refused.
 */
@Component
public class Argon2Slots {

    private final Semaphore slots;
    private final long maxWaitMillis;

    Argon2Slots(PosternProperties properties) {
        PosternProperties.Argon2 cost = properties.argon2();
        this.slots = new Semaphore(cost.effectiveMaxConcurrent(Runtime.getRuntime().maxMemory()), true);
        this.maxWaitMillis = cost.maxWait().toMillis();
    }

    /** @throws KdfBusyException if no slot frees up in time */
    public <T> T run(Supplier<T> work) {
        try {
            if (!slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                throw new KdfBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KdfBusyException();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
