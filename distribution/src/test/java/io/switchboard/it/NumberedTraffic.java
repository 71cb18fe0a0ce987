package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher and a subscriber over TCP with a steady stream of numbered messages between them,
 * paced by a flush every few messages; at the end every number must have arrived once, in order,
 * and neither connection may have seen anything but its first connect.
 */
final class NumberedTraffic implements AutoCloseable {

    private static final String SUBJECT = "traffic.numbered";
    private static final int FLUSH_EVERY = 20;

    private final Connection publisher;
    private final Connection subscriber;
    private final List<Long> received = Collections.synchronizedList(new ArrayList<>());
    private final List<ConnectionListener.Events> events = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Thread pump;
    private volatile boolean running = true;
    private volatile Exception failure;

    NumberedTraffic(Options.Builder options) throws Exception {
        options.connectionListener((conn, event) -> {
            if (event != ConnectionListener.Events.CONNECTED) {
                events.add(event);
            }
        });
        subscriber = Nats.connect(options.build());
        Dispatcher dispatcher = subscriber.createDispatcher(msg ->
                received.add(Long.parseLong(new String(msg.getData(), StandardCharsets.US_ASCII))));
        dispatcher.subscribe(SUBJECT);
        subscriber.flush(Duration.ofSeconds(5));
        publisher = Nats.connect(options.build());
        pump = new Thread(this::publish, "numbered-traffic");
        pump.start();
    }

    private void publish() {
        try {
            while (running) {
                long n = published.getAndIncrement();
                publisher.publish(SUBJECT, Long.toString(n).getBytes(StandardCharsets.US_ASCII));
                if (n % FLUSH_EVERY == 0) {
                    publisher.flush(Duration.ofSeconds(5));
                }
            }
            publisher.flush(Duration.ofSeconds(5));
        } catch (Exception e) {
            failure = e;
        }
    }

    long published() {
        return published.get();
    }

    /** Stops publishing and checks that every number arrived once, in order, with no reconnect on the way. */
    void stopAndVerify() throws Exception {
        running = false;
        pump.join(Duration.ofSeconds(30).toMillis());
        assertThat(failure).isNull();
        long total = published.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= total);
        List<Long> expected = new ArrayList<>();
        for (long n = 0; n < total; n++) {
            expected.add(n);
        }
        synchronized (received) {
            assertThat(received).as("numbered messages").hasSize((int) total).isEqualTo(expected);
        }
        assertThat(events).as("connection events on TCP").isEmpty();
        assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(subscriber.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        pump.join(Duration.ofSeconds(30).toMillis());
        publisher.close();
        subscriber.close();
    }
}
