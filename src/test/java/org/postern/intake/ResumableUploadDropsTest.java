package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.BlockInput;
import org.postern.testing.CuttingProxy;
import org.postern.testing.DataDirWithKey;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternProcess;
import org.postern.testing.SourceVisit;
import org.postern.testing.TusClient;

/**
 * A large resumable upload through a proxy that cuts the connection three times mid-piece, into a server with a
 * 256 MiB heap: the client resumes from the offset the server reports, gpg decrypts the result to the same
 * SHA-256, and the server's memory stays flat. The size is {@code -Dpostern.drops.bytes} (default 6 GiB).
 */
@Tag("slow")
class ResumableUploadDropsTest {

    private static final long SIZE = Long.getLong("postern.drops.bytes", 6L * 1024 * 1024 * 1024);
    private static final long PIECE = 64L * 1024 * 1024;
    private static final int BLOCK = 1 << 16;

    @Test
    void threeCutsMidPieceAndTheFileArrivesWhole() throws Exception {
        try (DataDirWithKey data = DataDirWithKey.create()) {
            try (PosternProcess server = PosternProcess.start(data.dataDir(), List.of("-Xmx256m"),
                    "--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1",
                    // Room for the upload is what this test needs of the disk, not the production reserve too.
                    "--postern.uploads.disk-reserve=512MB", "--postern.uploads.disk-reserve-percent=0");
                    CuttingProxy proxy = CuttingProxy.start(Integer.parseInt(server.sourceUrl()
                            .substring(server.sourceUrl().lastIndexOf(':') + 1)),
                            SIZE / 5 + 12_345, SIZE / 2 + 777, SIZE * 4 / 5 + 3)) {
                TusClient tus = SourceVisit.newSourceAt(proxy.url()).tus();
                String url = tus.create(SIZE, "drops.bin").headers().firstValue("Location").orElseThrow();

                List<Long> rss = new ArrayList<>();
                long offset = 0;
                int failures = 0;
                while (offset < SIZE) {
                    long length = Math.min(PIECE, SIZE - offset);
                    long from = offset;
                    try {
                        HttpResponse<String> r = tus.patch(url, offset, HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> content(from, length)), length),
                                TusClient.OCTETS);
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
                        offset = TusClient.offset(r);
                    } catch (UncheckedIOException cut) {
                        assertThat(++failures).as("more failures than cuts").isLessThanOrEqualTo(3);
                        HttpResponse<String> head = awaitHead(tus, url);
                        assertThat(head.statusCode()).isEqualTo(200);
                        offset = TusClient.offset(head);
                        assertThat(offset).as("the server kept what arrived").isGreaterThanOrEqualTo(from);
                    }
                    rss.add(rssKib(server.pid()));
                }
                assertThat(proxy.cuts()).isEqualTo(3);
                assertThat(failures).isEqualTo(3);
                long settled = rss.get(Math.min(rss.size() - 1, 2));
                long peak = rss.stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.printf("Drops: %d bytes, RSS after warm-up %d KiB, peak %d KiB, samples %s%n", SIZE,
                        settled, peak, rss);
                assertThat(peak - settled).as("RSS growth in KiB after warm-up").isLessThan(96 * 1024);
                assertThat(server.isAlive()).isTrue();
            }
            GnuPG.DecryptedDigest out = data.gpg().decryptToDigest(data.storedBlobs().get(0));
            assertThat(out.integrityOk()).as(out.status()).isTrue();
            assertThat(out.length()).isEqualTo(SIZE);
            assertThat(out.sha256()).isEqualTo(sha256());
            assertThat(out.fileName()).isEqualTo("drops.bin");
        }
    }

    private static HttpResponse<String> awaitHead(TusClient tus, String url) throws InterruptedException {
        for (int i = 0; ; i++) {
            HttpResponse<String> head = tus.head(url);
            // The server may still be finishing the cut piece: the upload is busy until it notices.
            if (head.statusCode() == 200) {
                Thread.sleep(200);
                return tus.head(url);
            }
            assertThat(i).isLessThan(100);
            Thread.sleep(100);
        }
    }

    /** Deterministic bytes at any offset: block i is filled from a generator seeded with i. */
    private static InputStream content(long from, long length) {
        return new BlockInput() {
            private long position = from;
            private final long end = from + length;
            private final byte[] block = new byte[BLOCK];
            private long blockIndex = -1;

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= end) {
                    return -1;
                }
                long index = position / BLOCK;
                if (index != blockIndex) {
                    new SplittableRandom(index * 0x9E3779B97F4A7C15L).nextBytes(block);
                    blockIndex = index;
                }
                int within = (int) (position % BLOCK);
                int n = (int) Math.min(Math.min(len, BLOCK - within), end - position);
                System.arraycopy(block, within, b, off, n);
                position += n;
                return n;
            }
        };
    }

    private static String sha256() throws IOException {
        return BlockInput.sha256(content(0, SIZE));
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
