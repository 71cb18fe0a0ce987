package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What N more of something cost a server: how long it took to set them up and how much its
 * resident memory (VmRSS in {@code /proc/<pid>/status}) grew while they are held, per unit.
 */
record RssGrowth(String unit, int count, long nanos, long rssBeforeKib, long rssAfterKib) {

    /** Sets up what it is given, holding it open until the server's memory has been read. */
    interface Setup {
        AutoCloseable run() throws Exception;
    }

    /** The memory is read once the server has answered for everything, after it has had a moment to settle. */
    private static final long SETTLE_MILLIS = 500;

    static RssGrowth measure(long serverPid, String unit, int count, Setup setup) throws Exception {
        long before = rssKib(serverPid);
        long start = System.nanoTime();
        try (AutoCloseable held = setup.run()) {
            long took = System.nanoTime() - start;
            Thread.sleep(SETTLE_MILLIS);
            return new RssGrowth(unit, count, took, before, rssKib(serverPid));
        }
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    double perSecond() {
        return count / (nanos / 1e9);
    }

    double bytesPerUnit() {
        return (rssAfterKib - rssBeforeKib) * 1024.0 / count;
    }

    String json() {
        return String.format(Locale.ROOT, "{\"%s\":%d,\"seconds\":%.3f,\"rate\":%.0f,\"rss_before_kib\":%d,\"rss_after_kib\":%d,\"bytes_per_unit\":%.0f}",
                unit, count, nanos / 1e9, perSecond(), rssBeforeKib, rssAfterKib, bytesPerUnit());
    }
}
