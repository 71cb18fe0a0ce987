package io.switchboard.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One run: connects every client, subscribes, releases the publishers together, waits until
 * every message arrived (or every request was answered) and measures the time in between.
 */
final class Bench {

    private final BenchOptions options;
    private final List<BenchClient<?>> senders = new ArrayList<>();
    private final List<BenchClient<?>> receivers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private Tally tally;

    Bench(BenchOptions options) {
        this.options = options;
    }

    BenchResult run(PrintStream progressOut) throws IOException, InterruptedException {
        try {
            connect();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch sent = new CountDownLatch(senders.size());
            receivers.forEach(c -> start(c, "receiver", null, null));
            senders.forEach(c -> start(c, "sender", go, sent));
            Progress progress = options.progress() ? Progress.start(progressOut, options, senders, receivers) : null;
            long startNanos = System.nanoTime();
            go.countDown();
            long deadline = startNanos + options.timeout().toNanos();
            boolean done = await(sent, deadline) && (tally == null || await(tally.complete(), deadline));
            long endNanos = tally == null ? lastEnd(senders) : tally.completedNanos();
            if (progress != null) {
                progress.stop();
            }
            if (!failures.isEmpty()) {
                throw new IOException(failures.peek().getMessage(), failures.peek());
            }
            if (!done) {
                throw new IOException("timed out after " + options.timeout().toSeconds() + " s: "
                        + Progress.line(options, senders, receivers, System.nanoTime() - startNanos));
            }
            return BenchResult.of(options, senders, receivers, startNanos, endNanos);
        } finally {
            closeAll();
        }
    }

    private void connect() throws IOException {
        if (options.mqtt()) {
            connectMqtt();
            return;
        }
        boolean plain = !options.queue() && !options.request();
        if (!options.request() && options.subscribers() > 0) {
            long perSubscriber = options.messages();
            tally = new Tally(plain ? perSubscriber * options.subscribers() : perSubscriber);
        }
        for (int i = 0; i < options.subscribers(); i++) {
            NatsSocket socket = NatsSocket.connect(options.host(), options.port());
            String queue = options.queue() || options.request() ? " bench-group" : "";
            socket.write(("SUB " + options.subject() + queue + " 1\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.roundTrip();
            receivers.add(options.request() ? new Replier(socket, options.size())
                    : new Subscriber(socket, tally, plain ? options.messages() : 0));
        }
        for (int i = 0; i < options.publishers(); i++) {
            NatsSocket socket = NatsSocket.connect(options.host(), options.port());
            long share = options.share(i);
            if (options.request()) {
                String inbox = "_INBOX.bench." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "." + i;
                Requester.subscribeInbox(socket, inbox);
                senders.add(new Requester(socket, new Frames(options.subject(), inbox, options.size()),
                        Math.toIntExact(share)));
            } else {
                senders.add(new Publisher(socket, new Frames(options.subject(), null, options.size()), share));
            }
        }
    }

    /** MQTT: every subscriber gets every message at the run's QoS; the publishers go as the {@link Pacer} lets them. */
    private void connectMqtt() throws IOException {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
        if (options.subscribers() > 0) {
            tally = new Tally(options.messages() * options.subscribers());
        }
        for (int i = 0; i < options.subscribers(); i++) {
            MqttSocket socket = MqttSocket.connect(options.host(), options.port(), "bench-sub-" + run + "-" + i);
            receivers.add(new MqttSubscriber(socket, tally, options.messages()));
            socket.subscribe(options.subject(), options.qos());
        }
        Pacer pacer = new Pacer(senders, receivers);
        for (int i = 0; i < options.publishers(); i++) {
            MqttSocket socket = MqttSocket.connect(options.host(), options.port(), "bench-pub-" + run + "-" + i);
            senders.add(new MqttPublisher(socket, new MqttFrames(options.subject(), options.qos(), options.size()),
                    options.share(i), options.qos(), pacer));
        }
    }

    private void start(BenchClient<?> client, String role, CountDownLatch go, CountDownLatch done) {
        Thread thread = new Thread(() -> {
            try {
                if (go != null) {
                    go.await();
                }
                client.run();
            } catch (IOException | RuntimeException e) {
                if (client.socket.isOpen()) {
                    failures.add(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (done != null) {
                    done.countDown();
                }
            }
        }, "bench-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private boolean await(CountDownLatch latch, long deadline) throws InterruptedException {
        while (failures.isEmpty()) {
            if (latch.await(Math.min(deadline - System.nanoTime(), 100_000_000L), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        return false;
    }

    private static long lastEnd(List<BenchClient<?>> clients) {
        return clients.stream().mapToLong(c -> c.counter.endNanos()).max().orElse(System.nanoTime());
    }

    private void closeAll() {
        for (List<BenchClient<?>> clients : List.of(senders, receivers)) {
            for (BenchClient<?> client : clients) {
                try {
                    client.socket.close();
                } catch (IOException e) {
                    // closing after the run; nothing left to lose
                }
            }
        }
    }
}
