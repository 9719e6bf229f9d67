package org.postern.crypto;

import java.util.concurrent.Semaphore;

/**
 * How many threads the encryptors may add, across all messages at once: one per CPU. One upload on a quiet
 * machine gets its cipher and its hash on threads of their own. When many uploads run, the CPUs are busy anyway
 * and handing buffers between threads only adds work (32 uploads at once ran at half the total speed with a
 * helper pair each), so a message that finds no free helper does that work on the caller's thread.
 */
final class HelperThreads {

    static final HelperThreads SHARED = new HelperThreads(Runtime.getRuntime().availableProcessors());

    private final Semaphore permits;

    HelperThreads(int threads) {
        this.permits = new Semaphore(threads);
    }

    /** The started thread, or null if every helper is busy; the permit comes back when {@code task} ends. */
    Thread tryStart(String name, Runnable task) {
        if (!permits.tryAcquire()) {
            return null;
        }
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                permits.release();
            }
        }, name);
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        return thread;
    }
}
