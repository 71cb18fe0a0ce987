package io.switchboard.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a line a second while a run goes on: messages sent and received so far, and the rate of the last second. */
final class Progress {

    private final Thread thread;

    private Progress(Thread thread) {
        this.thread = thread;
    }

    static Progress start(PrintStream out, BenchOptions options, List<BenchClient<?>> senders, List<BenchClient<?>> receivers) {
        long start = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    out.println(line(options, senders, receivers, System.nanoTime() - start));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-progress");
        thread.setDaemon(true);
        thread.start();
        return new Progress(thread);
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    /** Where the run stands after {@code elapsedNanos}. */
    static String line(BenchOptions options, List<BenchClient<?>> senders, List<BenchClient<?>> receivers, long elapsedNanos) {
        long sent = total(senders);
        String what = options.request() ? "requests answered" : "published";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%7.1fs  %s %,d/%,d (%.0f%%)",
                elapsedNanos / 1e9, what, sent, options.messages(), 100.0 * sent / options.messages()));
        if (!options.request() && !receivers.isEmpty()) {
            long expected = options.queue() ? options.messages() : options.messages() * receivers.size();
            long received = total(receivers);
            text.append(String.format(Locale.ROOT, ", received %,d/%,d (%.0f%%)", received, expected,
                    100.0 * received / expected));
        }
        return text.toString();
    }

    private static long total(List<BenchClient<?>> clients) {
        return clients.stream().mapToLong(c -> c.counter.count()).sum();
    }
}
