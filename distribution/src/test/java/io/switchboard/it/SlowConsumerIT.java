package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that stops reading must cost nobody else anything: the publisher goes on at
 * full speed, the healthy subscriber gets every message, and the stalled one is cut as a
 * slow consumer once it passes its limit. A subscriber that reads, only more slowly than the
 * publisher writes, holds the publisher back instead and is not cut.
 */
class SlowConsumerIT {

    private static final int MESSAGES = 20_000;
    private static final int BATCH = 500;
    private static final byte[] PAYLOAD = new byte[1024];

    @TempDir
    Path tmp;

    @Test
    void stalledSubscriberNeverHoldsUpThePublisherOrOthers() throws Exception {
        Path conf = config("max_pending: 64MB\nwrite_deadline: \"60s\"\n");
        try (ServerProcess broker = ServerProcess.start("-c", conf.toString());
             Socket stalled = stalledSubscriber(broker.port());
             Connection healthy = Nats.connect(broker.url());
             Connection publisher = Nats.connect(broker.url())) {
            Subscription sub = healthy.subscribe("firehose");
            healthy.flush(Duration.ofSeconds(5));
            publishAndReceiveAll(publisher, sub);
            // everything went through while the stalled subscriber still holds megabytes unread
            assertThat(broker.log()).noneMatch(l -> l.contains("Slow Consumer"));
            assertThat(stalled.isClosed()).isFalse();
        }
    }

    @Test
    void stalledSubscriberIsCutAtMaxPending() throws Exception {
        Path conf = config("max_pending: 2MB\nwrite_deadline: \"60s\"\n");
        try (ServerProcess broker = ServerProcess.start("-c", conf.toString());
             Socket stalled = stalledSubscriber(broker.port());
             Connection healthy = Nats.connect(broker.url());
             Connection publisher = Nats.connect(broker.url())) {
            Subscription sub = healthy.subscribe("firehose");
            healthy.flush(Duration.ofSeconds(5));
            publishAndReceiveAll(publisher, sub);
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.logContains(
                    "Slow Consumer Detected: MaxPending of 2097152 Exceeded"));
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(healthy.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void subscriberThatReadsSlowlyHoldsThePublisherBackInsteadOfBeingCut() throws Exception {
        Path conf = config("max_pending: 8MB\n");
        int messages = 20_000;
        try (ServerProcess broker = ServerProcess.start("-c", conf.toString());
             Socket slow = subscriber(broker.port(), 65536);
             Connection publisher = Nats.connect(broker.url())) {
            CompletableFuture<Void> published = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < messages; i++) {
                    publisher.publish("firehose", PAYLOAD);
                }
            });
            InputStream in = slow.getInputStream();
            byte[] chunk = new byte[16 * 1024];
            long expected = (long) messages * ("MSG firehose 1 1024\r\n".length() + PAYLOAD.length + 2);
            long read = 0;
            for (int reads = 1; read < expected; reads++) {
                int n = in.read(chunk);
                assertThat(n).as("bytes after %d of %d", read, expected).isPositive();
                read += n;
                if (reads % 4 == 0) {
                    Thread.sleep(1);
                }
            }
            published.get(30, TimeUnit.SECONDS);
            assertThat(broker.log()).noneMatch(l -> l.contains("Slow Consumer"));
        }
    }

    /**
     * Publishes in batches the healthy subscriber takes in full before the next one, so that it
     * never falls behind by more than a batch while the stalled one falls behind by everything.
     */
    private static void publishAndReceiveAll(Connection publisher, Subscription healthy) throws Exception {
        for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
            for (int i = 0; i < BATCH; i++) {
                publisher.publish("firehose", PAYLOAD);
            }
            publisher.flush(Duration.ofSeconds(10));
            for (int i = 0; i < BATCH; i++) {
                assertThat(healthy.nextMessage(Duration.ofSeconds(10))).as("message %d", batch * BATCH + i).isNotNull();
            }
        }
    }

    /** Subscribes over a socket with a tiny receive buffer and then never reads again. */
    private static Socket stalledSubscriber(int port) throws IOException {
        return subscriber(port, 4096);
    }

    /** Subscribes to the firehose over a raw socket and returns once the server confirmed it. */
    private static Socket subscriber(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write("CONNECT {\"verbose\":false}\r\nSUB firehose 1\r\nPING\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("PONG\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before PONG");
            }
            seen.append((char) b);
        }
        return socket;
    }

    private Path config(String text) throws IOException {
        Path conf = tmp.resolve("slow.conf");
        Files.writeString(conf, text);
        return conf;
    }
}
