package io.switchboard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a run measured: each client's count and rate, the delivered rate, and request latencies. */
record BenchResult(BenchOptions options, List<Row> rows, long delivered, long elapsedNanos, long[] sortedLatencies) {

    /** One client's line in the summary. */
    record Row(String role, int number, long messages, long nanos) {
    }

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    static BenchResult of(BenchOptions options, List<BenchClient<?>> senders, List<BenchClient<?>> receivers,
                          long startNanos, long endNanos) {
        List<Row> rows = new ArrayList<>();
        String senderRole = options.request() ? "requester" : "publisher";
        String receiverRole = options.request() ? "replier" : "subscriber";
        long sent = addRows(rows, senderRole, senders, startNanos);
        long received = addRows(rows, receiverRole, receivers, startNanos);
        long delivered = options.request() || receivers.isEmpty() ? sent : received;
        long[] latencies = senders.stream().filter(Requester.class::isInstance)
                .flatMapToLong(c -> Arrays.stream(((Requester) c).latencies())).sorted().toArray();
        return new BenchResult(options, rows, delivered, endNanos - startNanos, latencies);
    }

    private static long addRows(List<Row> rows, String role, List<BenchClient<?>> clients, long startNanos) {
        long total = 0;
        for (int i = 0; i < clients.size(); i++) {
            Counter counter = clients.get(i).counter;
            long end = counter.endNanos() == 0 ? System.nanoTime() : counter.endNanos();
            rows.add(new Row(role, i + 1, counter.count(), end - startNanos));
            total += counter.count();
        }
        return total;
    }

    /** Messages delivered (or published, with no subscriber; or requests answered) per second. */
    double rate() {
        return delivered / (elapsedNanos / 1e9);
    }

    /** The summary table a person reads. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-12s %4s %14s %10s %14s %10s%n", "client", "#", "msgs", "seconds", "msgs/s", "MiB/s"));
        for (Row row : rows) {
            double seconds = row.nanos() / 1e9;
            out.append(String.format(Locale.ROOT, "%-12s %4d %,14d %10.3f %,14.0f %10.1f%n", row.role(), row.number(),
                    row.messages(), seconds, row.messages() / seconds, mib(row.messages()) / seconds));
        }
        double seconds = elapsedNanos / 1e9;
        String what = options.request() ? "requests answered" : options.subscribers() == 0 ? "published" : "delivered";
        out.append(String.format(Locale.ROOT, "%n%s: %,d msgs of %,d B in %.3f s = %,.0f msgs/s, %.1f MiB/s%n",
                what, delivered, options.size(), seconds, rate(), mib(delivered) / seconds));
        if (sortedLatencies.length > 0) {
            out.append("latency (µs):");
            for (double p : PERCENTILES) {
                out.append(String.format(Locale.ROOT, "  %s %.1f", p == 100 ? "max" : "p" + trim(p),
                        Stats.percentile(sortedLatencies, p) / 1e3));
            }
            out.append(String.format("%n"));
        }
        return out.toString();
    }

    /** The result as one JSON line, the same fields as the Go client of the comparison prints. */
    String json() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "{\"client\":\"switchboard-bench\",\"msgs\":%d,\"seconds\":%.6f,\"rate\":%.0f",
                delivered, elapsedNanos / 1e9, rate()));
        if (sortedLatencies.length > 0) {
            out.append(String.format(Locale.ROOT, ",\"p50_us\":%.1f,\"p99_us\":%.1f",
                    Stats.percentile(sortedLatencies, 50) / 1e3, Stats.percentile(sortedLatencies, 99) / 1e3));
        }
        return out.append('}').toString();
    }

    private double mib(long messages) {
        return messages * (double) options.size() / (1024 * 1024);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
