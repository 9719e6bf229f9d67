package org.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a process's memory and CPU time from outside: peak RSS and CPU from /proc, heap from its GC log. */
final class ServerProbe {

    /** G1's summary line: "... 52M->9M(128M) 3.1ms". */
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final long pid;
    /** Null for a process that keeps no GC log: its heap then reads as no collections. */
    private final Path gcLog;

    ServerProbe(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
    }

    /** A probe for a process without a GC log (any process, not only a JVM): its CPU time and peak RSS. */
    static ServerProbe cpuAndRss(long pid) {
        return new ServerProbe(pid, null);
    }

    static List<String> jvmOptions(String maxHeap, Path gcLog) {
        return List.of("-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog);
    }

    /** The process's peak resident set so far (VmHWM), in bytes. */
    long peakRss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmHWM for process " + pid);
    }

    /**
     * CPU time the process has used so far (user and system, all threads), in seconds, from /proc/PID/stat.
     * The kernel counts it in clock ticks of 1/100 s on Linux.
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
        // 12th and 13th of them.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** Lines of the GC log so far, to measure only what happens after this point. */
    int gcMark() throws IOException {
        return gcLog != null && Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
    }

    /**
     * Since a mark: the peak heap (the most in use before any collection, or now, whichever is more) and the
     * most still in use just after a collection (what was live).
     */
    record Heap(long peakBeforeGc, long maxAfterGc, int collections, long earlyLive, long lateLive) {

        /**
         * Whether the live heap stayed flat: what survives the last quarter of the collections is no more than
         * what survived the first quarter (plus a little). With one to three collections, what survived any of
         * them is no more than the smaller run ever held: a peak before a collection measures the young
         * generation's size, not what is live. With none, the peaks compare.
         */
        boolean flatComparedWith(Heap smaller) {
            long bound = (long) (smaller.peakBeforeGc() * 1.25) + (16 << 20);
            if (collections >= 4) {
                return lateLive <= earlyLive * 1.25 + (4 << 20);
            }
            return collections > 0 ? maxAfterGc <= bound : peakBeforeGc <= bound;
        }
    }

    /**
     * Heap in use now, by {@code jcmd GC.heap_info}. Right after an upload during which no collection ran, this
     * is that upload's peak: without a collection the heap only grows.
     */
    long heapUsedNow() throws IOException {
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IOException("cannot read the heap: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        try (var in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    Heap heapSince(int mark) throws IOException {
        List<String> lines = gcLog != null && Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
        List<long[]> gcs = new java.util.ArrayList<>();
        for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                gcs.add(new long[] {Long.parseLong(m.group(1)) << 20, Long.parseLong(m.group(2)) << 20});
            }
        }
        long before = gcs.stream().mapToLong(g -> g[0]).max().orElse(0);
        long after = gcs.stream().mapToLong(g -> g[1]).max().orElse(0);
        int quarter = Math.max(1, gcs.size() / 4);
        long early = gcs.stream().limit(quarter).mapToLong(g -> g[1]).max().orElse(0);
        long late = gcs.stream().skip(Math.max(0, gcs.size() - quarter)).mapToLong(g -> g[1]).max().orElse(0);
        return new Heap(Math.max(before, heapUsedNow()), after, gcs.size(), early, late);
    }
}
