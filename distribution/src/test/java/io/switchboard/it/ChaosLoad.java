package io.switchboard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background harm of a chaos run against servers that stay up: bursts of raw connections that
 * connect, ping and go, and raw sockets that send random bytes instead of the protocol.
 */
final class ChaosLoad implements AutoCloseable {

    private static final int BURST = 50;
    private static final int GARBAGE_MAX = 8192;

    private final List<Integer> ports;
    private final Random random = new Random();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong garbageSent = new AtomicLong();
    private final AtomicLong garbageRefused = new AtomicLong();
    private final AtomicLong garbageCutOff = new AtomicLong();
    private final AtomicLong garbageWaiting = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    ChaosLoad(List<Integer> ports) {
        this.ports = ports;
        threads.add(new Thread(() -> loop(this::burst), "chaos-churn"));
        threads.add(new Thread(() -> loop(this::garbage), "chaos-garbage"));
        threads.forEach(Thread::start);
    }

    private interface Step {
        void run(int port) throws IOException;
    }

    private void loop(Step step) {
        while (running) {
            int port = ports.get(random.nextInt(ports.size()));
            try {
                step.run(port);
            } catch (IOException | RuntimeException e) {
                failures.add(port + ": " + e);
            }
        }
    }

    /** Opens {@link #BURST} connections that each connect and get their PONG, then drops them all. */
    private void burst(int port) throws IOException {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < BURST && running; i++) {
                RawClient client = new RawClient(port);
                clients.add(client);
                client.readInfo();
                client.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
                String reply = client.readUntil("PONG\r\n");
                if (!reply.endsWith("PONG\r\n")) {
                    throw new IllegalStateException("no PONG but: " + reply);
                }
                churned.incrementAndGet();
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    /**
     * Sends random bytes after the INFO and reads the answer: nearly always a protocol error, which
     * must come back as an {@code -ERR}, unless the server closed before all of it was sent, or the
     * bytes happened to leave its parser waiting for more.
     */
    private void garbage(int port) throws IOException {
        byte[] junk = new byte[1 + random.nextInt(GARBAGE_MAX)];
        random.nextBytes(junk);
        RawClient client = new RawClient(port);
        try (client) {
            client.readInfo();
            garbageSent.incrementAndGet();
            client.send(new String(junk, StandardCharsets.ISO_8859_1));
            if (client.readUntil("\r\n").startsWith("-ERR")) {
                garbageRefused.incrementAndGet();
            }
        } catch (IOException closedWhileSending) {
            garbageCutOff.incrementAndGet();
        } catch (IllegalStateException waiting) {
            garbageWaiting.incrementAndGet();
        }
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    String summary() {
        return churned.get() + " connections opened and dropped; " + garbageSent.get() + " sent garbage: "
                + garbageRefused.get() + " answered -ERR, " + garbageCutOff.get() + " closed while sending, "
                + garbageWaiting.get() + " left waiting for more";
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
