package io.switchboard.it;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official Java client, nats.java, against the assembled broker, one client feature per
 * test. Each expectation is what nats-server does for the same client calls.
 *
 * <p>Absence of a message is never asserted by waiting: a later message that must arrive after
 * the absent one (same publisher, or published only once the first was settled) is awaited
 * instead, and nothing else may come before it.
 */
class NatsClientIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ServerProcess broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = ServerProcess.start();
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        broker.close();
    }

    @Test
    void publishSubscribe() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription s = sub.subscribe("ps.orders");
            sub.flush(WAIT);
            for (int i = 0; i < 100; i++) {
                pub.publish("ps.orders", bytes("order " + i));
            }
            pub.publish("ps.orders", "ps.answers", bytes("with reply"));
            for (int i = 0; i < 100; i++) {
                Message m = s.nextMessage(WAIT);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(m.getSubject()).isEqualTo("ps.orders");
                assertThat(text(m)).isEqualTo("order " + i);
                assertThat(m.getReplyTo()).isNull();
            }
            Message withReply = s.nextMessage(WAIT);
            assertThat(withReply).isNotNull();
            assertThat(withReply.getReplyTo()).isEqualTo("ps.answers");
            assertThat(text(withReply)).isEqualTo("with reply");
        }
    }

    @Test
    void wildcards() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription oneToken = sub.subscribe("wc.*.c");
            Subscription tail = sub.subscribe("wc.>");
            sub.flush(WAIT);
            for (String subject : List.of("wc.b.c", "wc.b", "wc.b.c.d", "wc", "other.b.c", "wc.b.d", "wc.end.c")) {
                pub.publish(subject, bytes(subject));
            }
            assertThat(subjectsUntil(oneToken, "wc.end.c")).containsExactly("wc.b.c", "wc.end.c");
            assertThat(subjectsUntil(tail, "wc.end.c")).containsExactly("wc.b.c", "wc.b", "wc.b.c.d", "wc.b.d", "wc.end.c");
        }
    }

    @Test
    void queueGroupDeliversEachMessageToExactlyOneMember() throws Exception {
        int messages = 300;
        List<Connection> members = new ArrayList<>();
        try (Connection pub = connect()) {
            List<Subscription> subs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection member = connect();
                members.add(member);
                subs.add(member.subscribe("qg.work", "workers"));
                member.flush(WAIT);
            }
            for (int i = 0; i < messages; i++) {
                pub.publish("qg.work", bytes(Integer.toString(i)));
            }
            // once the publisher's flush returns every message has been routed, and a member's
            // own flush returns only after what was routed to it has arrived
            pub.flush(WAIT);
            List<String> delivered = new ArrayList<>();
            List<Integer> perMember = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                members.get(i).flush(WAIT);
                Subscription s = subs.get(i);
                long pending = s.getPendingMessageCount();
                perMember.add((int) pending);
                for (long n = 0; n < pending; n++) {
                    delivered.add(text(s.nextMessage(WAIT)));
                }
            }
            assertThat(delivered).hasSize(messages).doesNotHaveDuplicates();
            assertThat(new HashSet<>(delivered)).isEqualTo(numbers(messages));
            assertThat(perMember).as("messages per member").filteredOn(n -> n > 0).hasSizeGreaterThan(1);
        } finally {
            for (Connection member : members) {
                member.close();
            }
        }
    }

    @Test
    void requestReply() throws Exception {
        try (Connection requester = connect(); Connection responderConnection = connect()) {
            Dispatcher remote = responderConnection.createDispatcher(
                    m -> responderConnection.publish(m.getReplyTo(), bytes("remote:" + text(m))));
            remote.subscribe("rr.remote");
            responderConnection.flush(WAIT);
            Dispatcher local = requester.createDispatcher(m -> requester.publish(m.getReplyTo(), bytes("local:" + text(m))));
            local.subscribe("rr.local");
            requester.flush(WAIT);

            Message reply = requester.request("rr.remote", bytes("ping"), WAIT);
            assertThat(reply).as("reply from the other connection").isNotNull();
            assertThat(text(reply)).isEqualTo("remote:ping");

            Message asynchronous = requester.request("rr.remote", bytes("pong")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text(asynchronous)).isEqualTo("remote:pong");

            Message self = requester.request("rr.local", bytes("me"), WAIT);
            assertThat(self).as("reply from the requesting connection").isNotNull();
            assertThat(text(self)).isEqualTo("local:me");
        }
    }

    @Test
    void headersArriveIntact() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            assertThat(pub.getServerInfo().isHeadersSupported()).isTrue();
            Subscription s = sub.subscribe("hdr.test");
            sub.flush(WAIT);
            Headers headers = new Headers()
                    .add("Trace-Id", "abc-123")
                    .add("Multi", "first", "second")
                    .add("Spaced", "a value: with colon");
            pub.publish(NatsMessage.builder().subject("hdr.test").headers(headers).data(bytes("body")).build());
            pub.publish(NatsMessage.builder().subject("hdr.test").headers(new Headers().add("Only", "headers")).build());

            Message m = s.nextMessage(WAIT);
            assertThat(m).isNotNull();
            assertThat(m.hasHeaders()).isTrue();
            assertThat(m.getHeaders().get("Trace-Id")).containsExactly("abc-123");
            assertThat(m.getHeaders().get("Multi")).containsExactly("first", "second");
            assertThat(m.getHeaders().get("Spaced")).containsExactly("a value: with colon");
            assertThat(text(m)).isEqualTo("body");

            Message empty = s.nextMessage(WAIT);
            assertThat(empty).isNotNull();
            assertThat(empty.getHeaders().get("Only")).containsExactly("headers");
            assertThat(empty.getData()).isEmpty();
        }
    }

    @Test
    void requestWithoutRespondersFailsFast() throws Exception {
        // a request timeout far beyond the bounded waits, so that only the server's 503 status
        // reply can settle the request in time
        Duration patient = Duration.ofSeconds(30);
        Options reporting = options().reportNoResponders().build();
        try (Connection nc = Nats.connect(reporting)) {
            CompletableFuture<Message> reply = nc.requestWithTimeout("nr.nobody", bytes("anyone?"), patient)
                    .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThatThrownBy(reply::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(JetStreamStatusException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(503);
                        assertThat(e.getStatus().isNoResponders()).isTrue();
                    });
        }
        try (Connection nc = connect()) {
            // without reportNoResponders nats.java cancels the request instead
            CompletableFuture<Message> reply = nc.requestWithTimeout("nr.nobody", bytes("anyone?"), patient);
            await().atMost(WAIT).until(reply::isDone);
            assertThat(reply).isCancelled();
        }
    }

    @Test
    void autoUnsubscribe() throws Exception {
        try (Connection sub = connect(); Connection pub = connect()) {
            Subscription sync = sub.subscribe("au.sync");
            sync.unsubscribe(3);
            AtomicInteger handled = new AtomicInteger();
            Dispatcher dispatcher = sub.createDispatcher(m -> handled.incrementAndGet());
            dispatcher.subscribe("au.async");
            dispatcher.unsubscribe("au.async", 2);
            sub.flush(WAIT);
            for (int i = 0; i < 10; i++) {
                pub.publish("au.sync", bytes("s" + i));
                pub.publish("au.async", bytes("a" + i));
            }
            pub.flush(WAIT);
            sub.flush(WAIT);
            for (int i = 0; i < 3; i++) {
                assertThat(text(sync.nextMessage(WAIT))).isEqualTo("s" + i);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(handled).hasValue(2));
            // nats.java would also drop surplus messages itself; what reached the socket shows
            // that the server stopped sending
            assertThat(sub.getStatistics().getInMsgs()).isEqualTo(5);
            assertThat(sync.isActive()).isFalse();
        }
    }

    @Test
    void drainProcessesPendingMessagesThenCloses() throws Exception {
        int messages = 50;
        CountDownLatch release = new CountDownLatch(1);
        List<String> processed = new CopyOnWriteArrayList<>();
        try (Connection sub = connect(); Connection pub = connect()) {
            Dispatcher dispatcher = sub.createDispatcher(m -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                processed.add(text(m));
            });
            dispatcher.subscribe("dr.jobs");
            sub.flush(WAIT);
            for (int i = 0; i < messages; i++) {
                pub.publish("dr.jobs", bytes(Integer.toString(i)));
            }
            pub.flush(WAIT);
            // the handler is still held, so everything routed is either in flight or pending
            CompletableFuture<Boolean> drained = sub.drain(WAIT);
            release.countDown();
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(processed).hasSize(messages);
            assertThat(new HashSet<>(processed)).isEqualTo(numbers(messages));
            assertThat(sub.getStatus()).isEqualTo(Connection.Status.CLOSED);
        }
    }

    @Test
    void reconnectsToABrokerRestartedOnTheSamePort() throws Exception {
        List<ConnectionListener.Events> events = new CopyOnWriteArrayList<>();
        try (ServerProcess first = ServerProcess.start()) {
            int port = first.port();
            Options options = Options.builder()
                    .server(first.url())
                    .maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(100))
                    .connectionListener((conn, event) -> events.add(event))
                    .build();
            try (Connection nc = Nats.connect(options)) {
                Subscription s = nc.subscribe("rc.beat");
                nc.publish("rc.beat", bytes("before"));
                assertThat(text(s.nextMessage(WAIT))).isEqualTo("before");

                first.stop();
                await().atMost(WAIT).until(() -> events.contains(ConnectionListener.Events.DISCONNECTED));

                try (ServerProcess second = ServerProcess.start("-p", Integer.toString(port))) {
                    assertThat(second.port()).isEqualTo(port);
                    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(ConnectionListener.Events.RECONNECTED));
                    // the subscription made before the restart must have been re-established
                    nc.publish("rc.beat", bytes("after"));
                    Message after = s.nextMessage(WAIT);
                    assertThat(after).as("message after reconnect").isNotNull();
                    assertThat(text(after)).isEqualTo("after");
                    assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
            }
        }
    }

    @Test
    void noEchoKeepsOwnMessagesFromOwnSubscriptions() throws Exception {
        try (Connection quiet = Nats.connect(options().noEcho().build()); Connection other = connect()) {
            Subscription own = quiet.subscribe("ne.chat");
            Subscription others = other.subscribe("ne.chat");
            quiet.flush(WAIT);
            other.flush(WAIT);

            quiet.publish("ne.chat", bytes("from quiet"));
            quiet.flush(WAIT);
            other.publish("ne.chat", bytes("from other"));

            assertThat(text(others.nextMessage(WAIT))).isEqualTo("from quiet");
            assertThat(text(others.nextMessage(WAIT))).isEqualTo("from other");
            Message first = own.nextMessage(WAIT);
            assertThat(first).isNotNull();
            assertThat(text(first)).as("first message seen by the no-echo publisher").isEqualTo("from other");
        }
    }

    @Test
    void userAndPasswordAuthorization() throws Exception {
        try (ServerProcess secured = ServerProcess.start("--user", "alice", "--pass", "s3cret")) {
            try (Connection nc = Nats.connect(authOptions(secured, "alice", "s3cret").build())) {
                assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
                Subscription s = nc.subscribe("auth.ok");
                nc.publish("auth.ok", bytes("in"));
                assertThat(text(s.nextMessage(WAIT))).isEqualTo("in");
            }
            List<String> errors = new CopyOnWriteArrayList<>();
            Options wrong = authOptions(secured, "alice", "wrong").errorListener(recording(errors)).build();
            assertThatThrownBy(() -> Nats.connect(wrong))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Authorization Violation");
            assertThat(errors).anyMatch(e -> e.contains("Authorization Violation"));
            Options anonymous = Options.builder().server(secured.url()).maxReconnects(0).build();
            assertThatThrownBy(() -> Nats.connect(anonymous))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void payloadUpToMaxPayloadPassesAndBeyondIsRejected() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        Options unchecked = options().clientSideLimitChecks(false).maxReconnects(0).errorListener(recording(errors)).build();
        try (Connection sub = connect(); Connection pub = connect(); Connection rogue = Nats.connect(unchecked)) {
            int maxPayload = (int) pub.getServerInfo().getMaxPayload();
            assertThat(maxPayload).isEqualTo(1024 * 1024);
            Subscription s = sub.subscribe("big.data");
            sub.flush(WAIT);

            byte[] nearlyMax = randomBytes(maxPayload - 1024);
            byte[] exactlyMax = randomBytes(maxPayload);
            pub.publish("big.data", nearlyMax);
            pub.publish("big.data", exactlyMax);
            assertThat(s.nextMessage(WAIT)).isNotNull().extracting(Message::getData).isEqualTo(nearlyMax);
            assertThat(s.nextMessage(WAIT)).isNotNull().extracting(Message::getData).isEqualTo(exactlyMax);

            // nats.java refuses before sending, going by the max_payload the server announced
            assertThatThrownBy(() -> pub.publish("big.data", new byte[maxPayload + 1]))
                    .isInstanceOf(IllegalArgumentException.class);

            rogue.publish("big.data", new byte[maxPayload + 1]);
            await().atMost(WAIT).until(() -> errors.stream().anyMatch(e -> e.contains("Maximum Payload Violation")));
            await().atMost(WAIT).until(() -> rogue.getStatus() == Connection.Status.CLOSED);
            pub.publish("big.data", bytes("after"));
            assertThat(text(s.nextMessage(WAIT))).as("the oversized message is not delivered").isEqualTo("after");
        }
    }

    private static Connection connect() throws IOException, InterruptedException {
        return Nats.connect(options().build());
    }

    private static Options.Builder options() {
        return Options.builder().server(broker.url());
    }

    private static Options.Builder authOptions(ServerProcess server, String user, String password) {
        return Options.builder().server(server.url()).userInfo(user, password).maxReconnects(0);
    }

    private static ErrorListener recording(List<String> errors) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
    }

    /** Subjects received, in order, up to and including {@code last}. */
    private static List<String> subjectsUntil(Subscription s, String last) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        while (subjects.isEmpty() || !subjects.get(subjects.size() - 1).equals(last)) {
            Message m = s.nextMessage(WAIT);
            assertThat(m).as("next message after %s", subjects).isNotNull();
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    private static Set<String> numbers(int count) {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < count; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
