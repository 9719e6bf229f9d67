package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postern.bench.ResultTable.Verdict;
import org.postern.crypto.BenchmarkEncryptors;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.SubmissionEncryptor;
import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.postern.testing.GnuPG;

/**
 * Item 1: Postern's streaming encryptor against {@code gpg --encrypt --compress-algo none} and a plain copy,
 * the same file, the same keys, interleaved round by round so that a busy machine slows all of them alike.
 */
final class EncryptionBench {

    private static final int READ_BYTES = 1 << 16;

    private final Workbench bench;
    private final SubmissionEncryptor encryptor = BenchmarkEncryptors.submissionEncryptor();
    private boolean warm;

    EncryptionBench(Workbench bench) {
        this.bench = bench;
    }

    void run(ResultTable table) throws IOException {
        Path out = bench.dir.resolve("out.pgp");
        warmUp();
        List<Double> copy = new ArrayList<>();
        List<Double> gpg1 = new ArrayList<>();
        List<Double> gpg3 = new ArrayList<>();
        List<Double> postern1 = new ArrayList<>();
        List<Double> postern3 = new ArrayList<>();
        List<Double> cfb = new ArrayList<>();
        List<Double> jdkCfb = new ArrayList<>();
        List<Double> sha1 = new ArrayList<>();
        // Each writer gets a new file, as each blob is: overwriting one costs ext4 a truncation on open and a
        // flush on close (auto_da_alloc), unevenly between writers and more than the encryption varies.
        for (int round = 0; round < bench.options.rounds(); round++) {
            Files.deleteIfExists(out);
            copy.add(time(() -> run(List.of("cp", bench.input.toString(), out.toString()))));
            Files.deleteIfExists(out);
            gpg1.add(time(() -> gpg(out, 1)));
            Files.deleteIfExists(out);
            postern1.add(time(() -> encrypt(bench.input, out, bench.keys.subList(0, 1))));
            Files.deleteIfExists(out);
            gpg3.add(time(() -> gpg(out, 3)));
            Files.deleteIfExists(out);
            postern3.add(time(() -> encrypt(bench.input, out, bench.keys)));
            cfb.add(time(() -> Primitives.cfb(bench.options.size())));
            jdkCfb.add(time(() -> Primitives.jdkCfb(bench.options.size())));
            sha1.add(time(() -> Primitives.sha1(bench.options.size())));
        }
        GnuPG.DecryptedDigest check = bench.gpg.decryptToDigest(out);
        if (!check.integrityOk() || check.length() != bench.options.size()) {
            throw new IllegalStateException("gpg did not decrypt Postern's output: " + check.status());
        }
        Files.deleteIfExists(out);
        long size = bench.options.size();
        String what = " (" + ResultTable.mib(size) + ")";
        table.add("1", "plain copy (cp)" + what, ResultTable.mbPerSecond(size, median(copy)), "", "", "",
                Verdict.INFO);
        row(table, "gpg, 1 recipient" + what, size, median(gpg1), median(copy), "cp");
        row(table, "gpg, 3 recipients" + what, size, median(gpg3), median(copy), "cp");
        judged(table, "Postern encryptor, 1 recipient" + what, size, postern1, gpg1);
        judged(table, "Postern encryptor, 3 recipients" + what, size, postern3, gpg3);
        row(table, "parts: AES-256/CFB through the JDK's CBC, alone, in memory" + what, size, median(cfb),
                median(gpg1), "gpg");
        row(table, "parts: the JDK's own AES-256/CFB (not used), in memory" + what, size, median(jdkCfb),
                median(gpg1), "gpg");
        row(table, "parts: the JDK's SHA-1 alone, in memory" + what, size, median(sha1), median(gpg1), "gpg");
    }

    /** Against gpg, run just before it in each round; judged on the median of the rounds' ratios. */
    private static void judged(ResultTable table, String what, long size, List<Double> seconds, List<Double> gpg) {
        RoundRatios ratios = RoundRatios.of(gpg, seconds);
        table.add("1", what, ResultTable.mbPerSecond(size, median(seconds)), "gpg", ratios.text(), "≥ 1.00×",
                ratios.median() >= 1.0 ? Verdict.PASS : Verdict.FAIL);
    }

    /** Throughput relative to {@code reference} (reference time ÷ our time), for information. */
    private static void row(ResultTable table, String what, long size, double seconds, double referenceSeconds,
            String reference) {
        table.add("1", what, ResultTable.mbPerSecond(size, seconds), reference,
                ResultTable.ratio(referenceSeconds / seconds), "", Verdict.INFO);
    }

    /** Gives the JIT the encryptor's hot loop before anything is timed; once per run. */
    void warmUp() throws IOException {
        if (warm) {
            return;
        }
        warm = true;
        Path out = bench.dir.resolve("warm-up.pgp");
        Path small = bench.input;
        if (bench.options.size() > (64L << 20)) {
            small = Workbench.randomFile(bench.dir.resolve("warm-up.bin"), 64L << 20);
        }
        for (int i = 0; i < 3; i++) {
            encrypt(small, out, bench.keys);
        }
        if (!small.equals(bench.input)) {
            Files.delete(small);
        }
        Files.delete(out);
    }

    /** The encryptor alone: file in, OpenPGP file out, not synced. */
    double encrypt(Path in, Path out, List<RecipientKey> keys) throws IOException {
        long start = System.nanoTime();
        try (OutputStream sink = Files.newOutputStream(out)) {
            encrypt(in, sink, keys);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The encryptor alone into a blob of the file-system store, published (synced) as an upload's is. */
    double encryptIntoStore(Path in, BlobStore store, List<RecipientKey> keys) throws IOException {
        long start = System.nanoTime();
        BlobId id;
        try (PendingBlob blob = store.create()) {
            encrypt(in, blob.output(), keys);
            blob.publish();
            id = blob.id();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        store.delete(id);
        return seconds;
    }

    private void encrypt(Path in, OutputStream sink, List<RecipientKey> keys) throws IOException {
        byte[] buffer = new byte[READ_BYTES];
        try (InputStream plain = Files.newInputStream(in);
                OutputStream encrypting = encryptor.encryptingStream(sink, keys, "input.bin", LocalDate.now())) {
            for (int n; (n = plain.readNBytes(buffer, 0, buffer.length)) > 0;) {
                encrypting.write(buffer, 0, n);
            }
        }
    }

    /** gpg encrypting the bench file to the first {@code recipients} keys, as item 1 times it. */
    void gpg(Path out, int recipients) throws IOException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", bench.gpg.home().toString(), "--batch",
                "--yes", "--no-tty", "--trust-model", "always", "--compress-algo", "none", "--encrypt"));
        for (String fpr : bench.fingerprints.subList(0, recipients)) {
            command.addAll(List.of("-r", fpr));
        }
        command.addAll(List.of("-o", out.toString(), bench.input.toString()));
        run(command);
    }

    static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    interface Timed {
        void run() throws IOException;
    }

    static double time(Timed work) throws IOException {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
