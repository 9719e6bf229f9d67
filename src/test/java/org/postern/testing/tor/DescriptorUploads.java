package org.postern.testing.tor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows the onion-service tor's HS_DESC events, per onion address, so the test knows when a service's
 * descriptors have reached the directories: the first fetch, and a revocation, depend on that.
 */
final class DescriptorUploads {

    /** Counts for one address: uploads begun, and those finished either way. */
    record Counts(int started, int finished, int succeeded) {
    }

    private final Map<String, Counts> counts = new HashMap<>();
    private long lastEventNanos = System.nanoTime();

    static DescriptorUploads follow(TorControl control) throws java.io.IOException {
        DescriptorUploads uploads = new DescriptorUploads();
        control.command("SETEVENTS HS_DESC");
        Thread thread = new Thread(() -> {
            try {
                for (String event = control.nextEvent(1000); !Thread.currentThread().isInterrupted();
                        event = control.nextEvent(1000)) {
                    if (event != null) {
                        uploads.record(event);
                    }
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "tor-hs-desc-events");
        thread.setDaemon(true);
        thread.start();
        return uploads;
    }

    synchronized void record(String event) {
        String[] f = event.split(" ");
        if (f.length < 4 || !"HS_DESC".equals(f[1])) {
            return;
        }
        String address = f[3];
        Counts c = counts.getOrDefault(address, new Counts(0, 0, 0));
        switch (f[2]) {
            case "UPLOAD" -> counts.put(address, new Counts(c.started() + 1, c.finished(), c.succeeded()));
            case "UPLOADED" -> counts.put(address, new Counts(c.started(), c.finished() + 1, c.succeeded() + 1));
            case "FAILED" -> counts.put(address, new Counts(c.started(), c.finished() + 1, c.succeeded()));
            default -> {
                return;
            }
        }
        lastEventNanos = System.nanoTime();
        notifyAll();
    }

    synchronized Counts of(String address) {
        return counts.getOrDefault(address, new Counts(0, 0, 0));
    }

    /**
     * Waits until uploads for {@code address} that began after {@code before} have all finished, at least one
     * succeeded, and no event came for {@code quiet} (a service uploads several descriptors in a burst).
     */
    synchronized void awaitSettled(String address, Counts before, Duration quiet, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Counts now = of(address);
            boolean settled = now.started() > before.started() && now.finished() == now.started()
                    && now.succeeded() > before.succeeded();
            long sinceLast = System.nanoTime() - lastEventNanos;
            if (settled && sinceLast >= quiet.toNanos()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("descriptors of " + address + " were not published within "
                        + timeout + ": before " + before + ", now " + now);
            }
            long wait = settled ? Math.min(left, quiet.toNanos() - sinceLast) : Math.min(left, 200_000_000L);
            wait(Math.max(1, wait / 1_000_000));
        }
    }
}
