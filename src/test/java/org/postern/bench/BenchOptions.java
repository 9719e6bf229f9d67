package org.postern.bench;

import java.util.Locale;

/**
 * Sizes for one run. {@code --size} is the encryption and HTTP file, {@code --big} the upload that must fit in
 * -Xmx128m; {@code --quick} is the tiny smoke run the test suite makes.
 */
record BenchOptions(long size, long mediumUpload, long bigUpload, int rounds, int uploads, long uploadSize,
        int logins, int submissions, int consoleRequests, String only) {

    /** Whether item {@code n} (1 to 8; items 2 and 3 share a server) is to be measured in this run. */
    boolean measures(int n) {
        return only.isEmpty() || only.contains(Integer.toString(n));
    }

    static BenchOptions full() {
        return new BenchOptions(1L << 30, 100_000_000L, 4L << 30, 3, 32, 20_000_000L, 16, 100_000, 200, "");
    }

    static BenchOptions quick() {
        return new BenchOptions(4L << 20, 2_000_000L, 8L << 20, 1, 2, 1_000_000L, 2, 1_000, 30, "");
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = full();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> o = quick();
                case "--size" -> o = o.withSize(bytes(args[++i]));
                case "--big" -> o = o.withBig(bytes(args[++i]));
                case "--rounds" -> o = o.withRounds(Integer.parseInt(args[++i]));
                case "--submissions" -> o = o.withSubmissions(Integer.parseInt(args[++i]));
                case "--only" -> o = o.withOnly(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick, --size 1G, --big 4G, --rounds 3, --submissions 100000, --only 1,5)");
            }
        }
        return o;
    }

    /** 1G, 512M, 100K or a plain number of bytes; binary multiples. */
    static long bytes(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'G' -> 1L << 30;
            case 'M' -> 1L << 20;
            case 'K' -> 1L << 10;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    BenchOptions withSize(long s) {
        return new BenchOptions(s, mediumUpload, bigUpload, rounds, uploads, uploadSize, logins, submissions,
                consoleRequests, only);
    }

    BenchOptions withBig(long b) {
        return new BenchOptions(size, mediumUpload, b, rounds, uploads, uploadSize, logins, submissions,
                consoleRequests, only);
    }

    BenchOptions withRounds(int r) {
        return new BenchOptions(size, mediumUpload, bigUpload, r, uploads, uploadSize, logins, submissions,
                consoleRequests, only);
    }

    BenchOptions withOnly(String items) {
        return new BenchOptions(size, mediumUpload, bigUpload, rounds, uploads, uploadSize, logins, submissions,
                consoleRequests, items);
    }

    BenchOptions withSubmissions(int n) {
        return new BenchOptions(size, mediumUpload, bigUpload, rounds, uploads, uploadSize, logins, n,
                consoleRequests, only);
    }
}
