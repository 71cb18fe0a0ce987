package io.switchboard.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The process's memory and CPU, as nats-server reports them in {@code mem} and {@code cpu}. */
final class ProcessUsage {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessUsage() {
    }

    /** The resident set size in bytes where the system tells it (Linux), else the JVM's heap in use. */
    static long residentBytes() {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** CPU time over the time the server ran, in percent of one core, as ps's pcpu that nats-server reads. */
    static double cpuPercent(Duration uptime) {
        long wall = Math.max(uptime.toNanos(), 1);
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return Math.round(cpu * 10_000.0 / wall) / 100.0;
    }
}
