package io.switchboard.it;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * nats.java over {@code ws://} and {@code wss://} and nats.java over TCP on one broker: every
 * message crosses from one transport to the other, in both directions.
 */
class WebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A broker with the given configuration, its TCP and websocket URLs. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Broker {

        ServerProcess broker;
        String tcp;
        String ws;

        abstract String config() throws IOException;

        abstract String scheme();

        @BeforeAll
        void start() throws IOException {
            broker = ServerProcess.start("-c", ServerProcess.configFile(config()).toString());
            tcp = broker.url();
            ws = scheme() + "://localhost:" + broker.websocketPort();
        }

        @AfterAll
        void stop() throws InterruptedException {
            broker.close();
        }

        Connection connect(String url) throws IOException, InterruptedException {
            return Nats.connect(options(url).build());
        }

        Options.Builder options(String url) {
            return new Options.Builder().server(url).connectionTimeout(WAIT);
        }
    }

    @Nested
    class PlainWebSocket extends Broker {

        @Override
        String config() {
            return "websocket { listen: \"127.0.0.1:-1\", no_tls: true }";
        }

        @Override
        String scheme() {
            return "ws";
        }

        /** A check that {@code from} reaches {@code to}, run from websocket to TCP and back. */
        interface Crossing {
            void check(Connection from, Connection to, String subject) throws Exception;
        }

        private void bothWays(Crossing crossing) throws Exception {
            try (Connection web = connect(ws); Connection native_ = connect(tcp)) {
                crossing.check(web, native_, "ws.to.tcp");
                crossing.check(native_, web, "tcp.to.ws");
            }
        }

        @Test
        void publishSubscribeBothWays() throws Exception {
            bothWays((from, to, subject) -> assertDelivered(to, from, subject));
        }

        @Test
        void headersCrossTransports() throws Exception {
            try (Connection web = connect(ws); Connection native_ = connect(tcp)) {
                Headers headers = new Headers().add("Trace-Id", "abc").add("Multi", "1", "2");
                NatsMessage sent = NatsMessage.builder().subject("hdr").headers(headers).data(bytes("body")).build();
                for (Message m : List.of(carry(web, native_, sent), carry(native_, web, sent))) {
                    assertThat(m.getHeaders().getFirst("Trace-Id")).isEqualTo("abc");
                    assertThat(m.getHeaders().get("Multi")).containsExactly("1", "2");
                    assertThat(text(m)).isEqualTo("body");
                }
            }
        }

        @Test
        void queueGroupSpansTransports() throws Exception {
            try (Connection web = connect(ws); Connection native_ = connect(tcp); Connection pub = connect(ws)) {
                Set<String> seen = ConcurrentHashMap.newKeySet();
                AtomicInteger duplicates = new AtomicInteger();
                CountDownLatch fences = new CountDownLatch(2);
                AtomicInteger onWeb = queueMember(web, seen, duplicates, fences);
                AtomicInteger onTcp = queueMember(native_, seen, duplicates, fences);
                for (int i = 0; i < 200; i++) {
                    pub.publish("jobs", bytes("job " + i));
                }
                // each member gets the fence after every job the same publisher sent it
                pub.publish("jobs.fence", bytes("fence"));
                assertThat(fences.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                assertThat(duplicates).hasValue(0);
                assertThat(seen).hasSize(200);
                assertThat(onWeb.get()).isPositive();
                assertThat(onTcp.get()).isPositive();
            }
        }

        @Test
        void requestReplyBothWays() throws Exception {
            bothWays((from, to, subject) -> assertAnswers(to, from, subject));
        }

        @Test
        void largeMessagesBothWays() throws Exception {
            byte[] payload = new byte[900 * 1024];
            new Random(42).nextBytes(payload);
            NatsMessage sent = NatsMessage.builder().subject("big").data(payload).build();
            try (Connection web = connect(ws); Connection native_ = connect(tcp)) {
                assertThat(carry(web, native_, sent).getData()).isEqualTo(payload);
                assertThat(carry(native_, web, sent).getData()).isEqualTo(payload);
            }
        }
    }

    @Nested
    class SecureWebSocket extends Broker {

        @Override
        String config() {
            return "websocket { listen: \"127.0.0.1:-1\", " + TestCa.serverTlsBlock() + " }";
        }

        @Override
        String scheme() {
            return "wss";
        }

        @Override
        Options.Builder options(String url) {
            return url.startsWith("wss") ? super.options(url).sslContext(TestCa.trusting()) : super.options(url);
        }

        @Test
        void carriesMessagesOverTls() throws Exception {
            assertThat(broker.log()).anyMatch(l -> l.contains("[INF] Listening for websocket clients on wss://127.0.0.1:"));
            try (Connection web = connect(ws); Connection native_ = connect(tcp)) {
                assertDelivered(native_, web, "wss.to.tcp");
                assertDelivered(web, native_, "tcp.to.wss");
                assertAnswers(web, native_, "svc.on.wss");
            }
        }
    }

    @Nested
    class WebSocketToken extends Broker {

        @Override
        String config() {
            return "websocket { listen: \"127.0.0.1:-1\", no_tls: true, authorization { token: \"ws-s3cret\" } }";
        }

        @Override
        String scheme() {
            return "ws";
        }

        @Test
        void websocketClientsNeedTheTokenTcpClientsDoNot() throws Exception {
            assertThatThrownBy(() -> connect(ws)).isInstanceOf(AuthenticationException.class);
            try (Connection web = Nats.connect(options(ws).token("ws-s3cret".toCharArray()).build());
                 Connection native_ = connect(tcp)) {
                assertDelivered(native_, web, "token.ws");
            }
        }
    }

    /** Publishes {@code message} on one connection and returns it as the other received it. */
    private static Message carry(Connection publisher, Connection subscriber, NatsMessage message) throws Exception {
        Subscription sub = subscriber.subscribe(message.getSubject());
        subscriber.flush(WAIT);
        publisher.publish(message);
        Message received = sub.nextMessage(WAIT);
        assertThat(received).as("%s", message.getSubject()).isNotNull();
        sub.unsubscribe();
        return received;
    }

    private static void assertDelivered(Connection subscriber, Connection publisher, String subject) throws Exception {
        Subscription sub = subscriber.subscribe(subject + ".>");
        subscriber.flush(WAIT);
        for (int i = 0; i < 100; i++) {
            publisher.publish(subject + ".n", subject + ".reply", bytes("message " + i));
        }
        for (int i = 0; i < 100; i++) {
            Message m = sub.nextMessage(WAIT);
            assertThat(m).as("message %d on %s", i, subject).isNotNull();
            assertThat(m.getSubject()).isEqualTo(subject + ".n");
            assertThat(m.getReplyTo()).isEqualTo(subject + ".reply");
            assertThat(text(m)).isEqualTo("message " + i);
        }
        sub.unsubscribe();
    }

    private static void assertAnswers(Connection responder, Connection requester, String subject) throws Exception {
        Dispatcher dispatcher = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), bytes("re: " + text(m))));
        dispatcher.subscribe(subject);
        responder.flush(WAIT);
        CompletableFuture<Message> answer = requester.request(subject, bytes("ping"));
        assertThat(text(answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))).isEqualTo("re: ping");
        Message direct = requester.request(subject, bytes("again"), WAIT);
        assertThat(text(direct)).isEqualTo("re: again");
        responder.closeDispatcher(dispatcher);
    }

    /** A member of the "workers" queue group on "jobs" that also hears the plain "jobs.fence". */
    private static AtomicInteger queueMember(Connection nc, Set<String> seen, AtomicInteger duplicates,
                                             CountDownLatch fences) throws Exception {
        AtomicInteger count = new AtomicInteger();
        Dispatcher dispatcher = nc.createDispatcher(m -> {
            if (m.getSubject().equals("jobs.fence")) {
                fences.countDown();
            } else if (seen.add(text(m))) {
                count.incrementAndGet();
            } else {
                duplicates.incrementAndGet();
            }
        });
        dispatcher.subscribe("jobs", "workers");
        dispatcher.subscribe("jobs.fence");
        nc.flush(WAIT);
        return count;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
