package io.switchboard.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that connect, subscribe and go away, again and again, leave the broker as they found it:
 * after the cycles its heap after a collection, direct buffers, threads and open files are where
 * they were after a warm-up, within small margins. The suite runs a few thousand cycles;
 * {@code -Dleak.cycles=100000} runs the full count.
 */
class ConnectionCyclesIT {

    private static final int CYCLES = Integer.getInteger("leak.cycles", 3_000);
    private static final int WARM_UP = 500;
    private static final long HEAP_MARGIN = 16L * 1024 * 1024;
    private static final long DIRECT_MARGIN = 16L * 1024 * 1024;
    private static final int THREAD_MARGIN = 2;
    private static final int FILE_MARGIN = 5;

    @Test
    void connectSubscribeDisconnectCyclesLeaveNothingBehind() throws Exception {
        try (ServerProcess broker = ServerProcess.start("-m", "-1")) {
            MonitorClient monitor = new MonitorClient(broker.monitorPort());
            cycle(broker, WARM_UP);
            Usage before = Usage.of(broker, monitor);
            cycle(broker, CYCLES);
            Usage after = Usage.of(broker, monitor);
            System.out.printf("[reliability] %,d connect/subscribe/disconnect cycles: before %s, after %s%n",
                    CYCLES, before, after);
            assertThat(after.heap()).as("heap after GC").isLessThan(before.heap() + HEAP_MARGIN);
            assertThat(after.direct()).as("direct buffers").isLessThan(before.direct() + DIRECT_MARGIN);
            assertThat(after.threads()).as("threads").isLessThanOrEqualTo(before.threads() + THREAD_MARGIN);
            assertThat(after.files()).as("open files").isLessThanOrEqualTo(before.files() + FILE_MARGIN);
        }
    }

    private static void cycle(ServerProcess broker, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            try (RawClient client = new RawClient(broker.port())) {
                client.readInfo();
                client.send("CONNECT {\"verbose\":false}\r\nSUB cycle." + i + " 1\r\nSUB cycle.> q 2\r\n");
                client.sync(0);
            }
        }
    }

    /** What the broker holds, measured once it has seen every client go and collected its garbage. */
    private record Usage(long heap, long direct, long rss, long threads, long files) {

        static Usage of(ServerProcess broker, MonitorClient monitor) throws Exception {
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.json("/varz").map.get("connections").i == 0
                    && monitor.json("/varz").map.get("subscriptions").i == 0);
            Process gc = new ProcessBuilder("jcmd", String.valueOf(broker.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(gc.waitFor()).as("jcmd GC.run").isZero();
            String metrics = monitor.get("/metrics").body();
            Path proc = Path.of("/proc", String.valueOf(broker.pid()));
            long files;
            try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
                files = open.count();
            }
            return new Usage(metric(metrics, "jvm_memory_used_bytes{area=\"heap\"}"),
                    metric(metrics, "jvm_buffer_pool_used_bytes{pool=\"direct\"}"),
                    status(proc, "VmRSS:") * 1024, status(proc, "Threads:"), files);
        }

        private static long metric(String metrics, String name) {
            return metrics.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                    .map(l -> (long) Double.parseDouble(l.substring(name.length() + 1).trim()))
                    .orElseThrow(() -> new IllegalStateException("no " + name + " in /metrics"));
        }

        private static long status(Path proc, String field) throws IOException {
            return Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElseThrow();
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MB, direct %.1f MB, RSS %d MB, %d threads, %d open files",
                    heap / 1048576.0, direct / 1048576.0, rss / 1048576, threads, files);
        }
    }
}
