package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the tests of routes and gateways do with nats.java clients on servers joined by links. */
final class LinkChecks {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(30);

    private LinkChecks() {
    }

    /**
     * Returns once {@code publisher}'s server can reach every subscription {@code subscriber} made so
     * far: interest travels in order, so a probe subscribed last that answers proves the rest.
     */
    static void awaitInterest(Connection subscriber, Connection publisher) throws Exception {
        String probe = "probe." + NUID.nextGlobal();
        Dispatcher responder = subscriber.createDispatcher(msg -> subscriber.publish(msg.getReplyTo(), msg.getData()));
        responder.subscribe(probe);
        subscriber.flush(WAIT);
        await().atMost(SETTLE).until(() -> answers(publisher, probe));
        subscriber.closeDispatcher(responder);
    }

    private static boolean answers(Connection publisher, String subject) {
        try {
            return publisher.request(subject, bytes("probe"), Duration.ofMillis(500)) != null;
        } catch (RuntimeException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Messages cross a TLS link between a Switchboard server and a nats-server both ways, and
     * nats-server saw no failed handshake.
     */
    static void assertTlsTrafficBothWays(Connection sb, Connection ns, ServerProcess nats) throws Exception {
        assertTrafficBothWays(sb, ns, "tls");
        assertThat(nats.log()).noneMatch(l -> l.contains("TLS handshake error"));
    }

    /** A message each way between the two servers, on subjects that start with {@code prefix}. */
    static void assertTrafficBothWays(Connection sb, Connection ns, String prefix) throws Exception {
        Subscription onSb = sb.subscribe(prefix + ".to.sb");
        Subscription onNs = ns.subscribe(prefix + ".to.ns");
        awaitInterest(sb, ns);
        awaitInterest(ns, sb);
        ns.publish(prefix + ".to.sb", bytes("over " + prefix));
        sb.publish(prefix + ".to.ns", bytes("back over " + prefix));
        assertThat(text(onSb.nextMessage(WAIT))).isEqualTo("over " + prefix);
        assertThat(text(onNs.nextMessage(WAIT))).isEqualTo("back over " + prefix);
    }

    /** Answers requests on {@code subject} with {@code answer: <request>}, echoing the headers. */
    static void respond(Connection connection, String subject, String answer) {
        Dispatcher dispatcher = connection.createDispatcher(msg -> connection.publish(NatsMessage.builder()
                .subject(msg.getReplyTo()).headers(msg.getHeaders())
                .data(answer + ": " + text(msg), StandardCharsets.UTF_8).build()));
        dispatcher.subscribe(subject);
    }

    /** {@code count} messages on {@code work}, then the barrier {@code name} on {@code barrier}. */
    static void publishBatch(Connection publisher, String name, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            publisher.publish("work", bytes(name + "-" + i));
        }
        publisher.publish("barrier", bytes(name));
        publisher.flush(WAIT);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
