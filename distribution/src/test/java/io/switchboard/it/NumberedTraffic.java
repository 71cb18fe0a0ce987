package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher and a subscriber over TCP with a steady stream of numbered messages between them,
 * paced by a flush every few messages. {@link #stopAndVerify} demands that every number arrived
 * once, in order, and that neither connection saw anything but its first connect; under chaos the
 * two may sit on different servers and reconnect, and {@link #received} is what the subscriber got.
 */
final class NumberedTraffic implements AutoCloseable {

    private static final String SUBJECT = "traffic.numbered";
    private static final int FLUSH_EVERY = 20;
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final String subject;
    private final int payloadSize;
    private final Connection publisher;
    private final Connection subscriber;
    private final NumberedArrivals arrivals = new NumberedArrivals();
    private final List<ConnectionListener.Events> events = new CopyOnWriteArrayList<>();
    private final List<Exception> flushFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Thread pump;
    private volatile boolean running = true;
    private volatile Exception failure;

    NumberedTraffic(Options.Builder options) throws Exception {
        this(SUBJECT, 0, options, options);
    }

    /**
     * Numbers on {@code subject}, each padded with spaces to {@code payloadSize} bytes, published by a
     * client made with {@code publisherOptions} once the subscriber's interest has reached its server.
     */
    NumberedTraffic(String subject, int payloadSize, Options.Builder publisherOptions,
                    Options.Builder subscriberOptions) throws Exception {
        this.subject = subject;
        this.payloadSize = payloadSize;
        subscriber = Nats.connect(listened(subscriberOptions).build());
        Dispatcher dispatcher = subscriber.createDispatcher(msg ->
                arrivals.arrived(number(msg.getData())));
        dispatcher.subscribe(subject);
        subscriber.flush(FLUSH_WAIT);
        publisher = Nats.connect(listened(publisherOptions).build());
        LinkChecks.awaitInterest(subscriber, publisher);
        pump = new Thread(this::publish, "numbered-traffic-" + subject);
        pump.start();
    }

    /** {@code n} in ASCII, padded with spaces to {@code size} bytes. */
    static byte[] payload(long n, int size) {
        byte[] digits = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[Math.max(size, digits.length)];
        Arrays.fill(payload, (byte) ' ');
        System.arraycopy(digits, 0, payload, 0, digits.length);
        return payload;
    }

    /** The number a {@link #payload} carries. */
    static long number(byte[] payload) {
        return Long.parseLong(new String(payload, StandardCharsets.US_ASCII).strip());
    }

    private Options.Builder listened(Options.Builder options) {
        return options.connectionListener((conn, event) -> {
            if (event != ConnectionListener.Events.CONNECTED) {
                events.add(event);
            }
        });
    }

    /** Publishes until stopped; a flush that fails (the server went away) is counted and publishing goes on. */
    private void publish() {
        try {
            while (running) {
                long n = published.get();
                publisher.publish(subject, payload(n, payloadSize));
                published.incrementAndGet();
                if (n % FLUSH_EVERY == 0) {
                    flush();
                }
            }
            flush();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void flush() throws InterruptedException {
        try {
            publisher.flush(FLUSH_WAIT);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            flushFailures.add(e);
        }
    }

    long published() {
        return published.get();
    }

    /** What the subscriber received so far. */
    NumberedArrivals arrivals() {
        return arrivals;
    }

    /** Whether the publisher or the subscriber was disconnected at some point. */
    boolean reconnected() {
        return events.contains(ConnectionListener.Events.DISCONNECTED);
    }

    /** Stops publishing; returns the count of numbers published, once the publisher has flushed them. */
    long stop() throws InterruptedException {
        running = false;
        pump.join(Duration.ofSeconds(30).toMillis());
        assertThat(failure).as("publishing on " + subject).isNull();
        return published.get();
    }

    /** Stops publishing and checks that every number arrived once, in order, with no reconnect on the way. */
    void stopAndVerify() throws Exception {
        long total = stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.highest() >= total - 1);
        assertThat(arrivals.missing(total)).as("numbers missing").isEmpty();
        assertThat(arrivals.duplicated()).as("numbers delivered twice").isZero();
        assertThat(arrivals.reordered()).as("numbers delivered late").isZero();
        assertThat(arrivals.delivered()).as("numbers delivered").isEqualTo(total);
        assertThat(flushFailures).as("failed flushes").isEmpty();
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
