package org.postern.testing.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Phase one ends when a consensus lists every relay and every authority holds every relay's microdescriptor.
 * Clients started earlier ask guards that have no microdescriptors yet, and tor waits 10 s before retrying.
 */
final class ConsensusWait {

    private ConsensusWait() {
    }

    static void awaitFullConsensus(List<TorProcess> authorities, int relays, long deadline)
            throws IOException, InterruptedException {
        while (!complete(authorities, relays)) {
            for (TorProcess authority : authorities) {
                authority.requireAlive();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no consensus with all " + relays + " relays in time: "
                        + authorities.get(0).logTail());
            }
            Thread.sleep(200);
        }
    }

    private static boolean complete(List<TorProcess> authorities, int relays) throws IOException {
        if (count(authorities.get(0).dataDir().resolve("cached-microdesc-consensus"), "r ") < relays) {
            return false;
        }
        for (TorProcess authority : authorities) {
            int microdescriptors = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(authority.dataDir(), "cached-microdescs*")) {
                for (Path file : files) {
                    microdescriptors += count(file, "ntor-onion-key");
                }
            }
            if (microdescriptors < relays) {
                return false;
            }
        }
        return true;
    }

    private static int count(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        // Read as bytes: these files are ASCII, but a half-written tail must not throw.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }
}
