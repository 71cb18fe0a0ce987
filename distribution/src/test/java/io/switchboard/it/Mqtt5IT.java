package io.switchboard.it;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT 5 with Eclipse Paho's mqttv5 client and the HiveMQ client, beside nats.java: user
 * properties as NATS headers, request/response across the two protocols, shared subscriptions as
 * queue groups, no-local, retain handling and subscription identifiers, will delay and message
 * expiry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mqtt5IT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path store;
    ServerProcess broker;
    String mqtt;
    int port;

    @BeforeAll
    void start() throws IOException {
        broker = ServerProcess.start("-c", ServerProcess.configFile("""
                mqtt { host: 127.0.0.1, port: -1, store_dir: "%s" }
                """.formatted(store)).toString());
        port = broker.mqttPort();
        mqtt = "tcp://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() throws InterruptedException {
        broker.close();
    }

    private final java.util.Map<MqttAsyncClient, BlockingQueue<MqttMessage>> inboxes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A connected client whose every message goes to its inbox: Paho matches neither $share filters nor identifiers to listeners. */
    private MqttAsyncClient paho(String id) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(mqtt, id, new MemoryPersistence());
        BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        inboxes.put(client, inbox);
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(message);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(WAIT.toMillis());
        return client;
    }

    private BlockingQueue<MqttMessage> subscribe(MqttAsyncClient client, MqttSubscription subscription,
                                                 MqttProperties properties) throws Exception {
        client.subscribe(new MqttSubscription[]{subscription}, null, null, properties).waitForCompletion(WAIT.toMillis());
        return inboxes.get(client);
    }

    private static MqttMessage next(BlockingQueue<MqttMessage> queue) throws InterruptedException {
        MqttMessage message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a message within " + WAIT).isNotNull();
        return message;
    }

    @Test
    void userPropertiesAreNatsHeadersBothWays() throws Exception {
        MqttAsyncClient client = paho("props");
        try (Connection nc = Nats.connect(broker.url())) {
            BlockingQueue<MqttMessage> onMqtt = subscribe(client, new MqttSubscription("props/in", 1), new MqttProperties());
            io.nats.client.Subscription onNats = nc.subscribe("props.out");
            nc.flush(WAIT);

            MqttMessage out = new MqttMessage("from mqtt".getBytes(StandardCharsets.UTF_8));
            MqttProperties props = new MqttProperties();
            props.setUserProperties(List.of(new UserProperty("trace-id", "t-42")));
            out.setProperties(props);
            out.setQos(1);
            client.publish("props/out", out).waitForCompletion(WAIT.toMillis());
            Message natsSide = onNats.nextMessage(WAIT);
            assertThat(natsSide.getHeaders().getFirst("trace-id")).isEqualTo("t-42");

            nc.publish(NatsMessage.builder().subject("props.in").headers(new Headers().add("tenant", "acme"))
                    .data("from nats").build());
            MqttMessage in = next(onMqtt);
            assertThat(in.getProperties().getUserProperties()).contains(new UserProperty("tenant", "acme"));
        } finally {
            client.disconnect().waitForCompletion(WAIT.toMillis());
            client.close();
        }
    }

    @Test
    void natsRequestsAreAnsweredByAnMqttResponderAndBack() throws Exception {
        MqttAsyncClient responder = paho("responder");
        responder.subscribe(new MqttSubscription[]{new MqttSubscription("svc/echo", 0)}, null, null,
                new IMqttMessageListener[]{(topic, request) -> {
                    MqttMessage reply = new MqttMessage(("echo " + new String(request.getPayload(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                    MqttProperties replyProps = new MqttProperties();
                    replyProps.setCorrelationData(request.getProperties().getCorrelationData());
                    reply.setProperties(replyProps);
                    responder.publish(request.getProperties().getResponseTopic(), reply);
                }}, new MqttProperties()).waitForCompletion(WAIT.toMillis());
        try (Connection nc = Nats.connect(broker.url())) {
            CompletableFuture<Message> answer = nc.request("svc.echo", "ping".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("echo ping");

            MqttAsyncClient requester = paho("requester");
            BlockingQueue<MqttMessage> replies = subscribe(requester, new MqttSubscription("replies/requester", 0),
                    new MqttProperties());
            MqttMessage request = new MqttMessage("pong".getBytes(StandardCharsets.UTF_8));
            MqttProperties props = new MqttProperties();
            props.setResponseTopic("replies/requester");
            props.setCorrelationData(new byte[]{9, 8, 7});
            request.setProperties(props);
            requester.publish("svc/echo", request).waitForCompletion(WAIT.toMillis());
            MqttMessage reply = next(replies);
            assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("echo pong");
            assertThat(reply.getProperties().getCorrelationData()).containsExactly(9, 8, 7);
            requester.disconnect().waitForCompletion(WAIT.toMillis());
        } finally {
            responder.disconnect().waitForCompletion(WAIT.toMillis());
        }
    }

    @Test
    void sharedSubscriptionsAreQueueGroupsWithNatsMembers() throws Exception {
        MqttAsyncClient first = paho("worker-1");
        MqttAsyncClient second = paho("worker-2");
        try (Connection nc = Nats.connect(broker.url())) {
            BlockingQueue<MqttMessage> one = subscribe(first, new MqttSubscription("$share/workers/jobs/+", 0), new MqttProperties());
            BlockingQueue<MqttMessage> two = subscribe(second, new MqttSubscription("$share/workers/jobs/+", 0), new MqttProperties());
            AtomicInteger natsMember = new AtomicInteger();
            Dispatcher dispatcher = nc.createDispatcher(m -> natsMember.incrementAndGet());
            dispatcher.subscribe("jobs.*", "workers");
            nc.flush(WAIT);
            for (int i = 0; i < 60; i++) {
                nc.publish("jobs.j" + i, new byte[]{(byte) i});
            }
            nc.flush(WAIT);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> one.size() + two.size() + natsMember.get() == 60);
            assertThat(one).isNotEmpty();
            assertThat(two).isNotEmpty();
            assertThat(natsMember.get()).isPositive();
        } finally {
            first.disconnect().waitForCompletion(WAIT.toMillis());
            second.disconnect().waitForCompletion(WAIT.toMillis());
        }
    }

    @Test
    void noLocalRetainHandlingAndSubscriptionIdentifiers() throws Exception {
        MqttAsyncClient client = paho("options");
        MqttAsyncClient other = paho("options-other");
        try {
            other.publish("opts/retained", new MqttMessage("kept".getBytes(StandardCharsets.UTF_8), 1, true, null)).waitForCompletion(WAIT.toMillis());
            MqttSubscription noLocal = new MqttSubscription("opts/+", 1);
            noLocal.setNoLocal(true);
            noLocal.setRetainHandling(2);
            MqttProperties withId = new MqttProperties();
            withId.setSubscriptionIdentifier(7);
            BlockingQueue<MqttMessage> received = subscribe(client, noLocal, withId);

            client.publish("opts/mine", new MqttMessage("mine".getBytes(StandardCharsets.UTF_8), 1, false, null)).waitForCompletion(WAIT.toMillis());
            other.publish("opts/theirs", new MqttMessage("theirs".getBytes(StandardCharsets.UTF_8), 1, false, null)).waitForCompletion(WAIT.toMillis());
            MqttMessage first = next(received);
            assertThat(new String(first.getPayload(), StandardCharsets.UTF_8)).isEqualTo("theirs");
            assertThat(first.getProperties().getSubscriptionIdentifiers()).containsExactly(7);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            other.publish("opts/retained", new MqttMessage(new byte[0], 1, true, null)).waitForCompletion(WAIT.toMillis());
        } finally {
            client.disconnect().waitForCompletion(WAIT.toMillis());
            other.disconnect().waitForCompletion(WAIT.toMillis());
        }
    }

    @Test
    void theHiveMqClientPublishesAndSubscribesWithQos2() throws Exception {
        Mqtt5BlockingClient subscriber = Mqtt5Client.builder().identifier("hive-sub").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        Mqtt5BlockingClient publisher = Mqtt5Client.builder().identifier("hive-pub").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        subscriber.connect();
        publisher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter("hive/#").qos(MqttQos.EXACTLY_ONCE).send();
            var result = publisher.publishWith().topic("hive/a").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("hello hive".getBytes(StandardCharsets.UTF_8)).userProperties().add("k", "v").applyUserProperties()
                    .send();
            assertThat(result.getError()).isEmpty();
            publisher.publishWith().topic("hive/b").qos(MqttQos.EXACTLY_ONCE)
                    .payload("twice?".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt5Publish> first = publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            Optional<Mqtt5Publish> second = publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).hasValueSatisfying(p -> {
                assertThat(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello hive");
                assertThat(p.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
                assertThat(p.getUserProperties().asList()).hasSize(1);
            });
            assertThat(second).hasValueSatisfying(p -> assertThat(p.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE));
            assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            publisher.disconnect();
            subscriber.disconnect();
        }
        assertThat(Mqtt5PubAckReasonCode.SUCCESS.getCode()).isZero();
    }

    @Test
    void aDelayedWillWaitsItsDelayAndAReturningClientCancelsIt() throws Exception {
        Mqtt5BlockingClient watcher = hive("will-watcher");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("wills/#").send();

            long closed;
            try (java.net.Socket vanishing = new java.net.Socket("127.0.0.1", port)) {
                vanishing.getOutputStream().write(connectWithDelayedWill("delayed", "wills/delayed", 2));
                assertThat(vanishing.getInputStream().read()).as("CONNACK").isEqualTo(0x20);
                closed = System.nanoTime();
            }
            Optional<Mqtt5Publish> will = publishes.receive(15, TimeUnit.SECONDS);
            assertThat(will).hasValueSatisfying(p -> assertThat(p.getTopic().toString()).isEqualTo("wills/delayed"));
            assertThat(System.nanoTime() - closed).as("not before its delay").isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));

            try (java.net.Socket vanishing = new java.net.Socket("127.0.0.1", port)) {
                vanishing.getOutputStream().write(connectWithDelayedWill("returning", "wills/cancelled", 60));
                assertThat(vanishing.getInputStream().read()).as("CONNACK").isEqualTo(0x20);
            }
            Mqtt5BlockingClient back = Mqtt5Client.builder().identifier("returning").serverHost("127.0.0.1")
                    .serverPort(port).buildBlocking();
            back.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
            back.disconnect();
            hivePublish("wills/marker", "after the return");
            assertThat(publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the first message after the return is the marker, not the cancelled will")
                    .hasValueSatisfying(p -> assertThat(p.getTopic().toString()).isEqualTo("wills/marker"));
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void anExpiredMessageIsNotDeliveredAndALiveOneCarriesWhatIsLeftOfItsExpiry() throws Exception {
        Mqtt5BlockingClient publisher = hive("expiry-pub");
        publisher.publishWith().topic("expiry/short").retain(true).messageExpiryInterval(1).qos(MqttQos.AT_LEAST_ONCE)
                .payload("gone".getBytes(StandardCharsets.UTF_8)).send();
        publisher.publishWith().topic("expiry/long").retain(true).messageExpiryInterval(600).qos(MqttQos.AT_LEAST_ONCE)
                .payload("kept".getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();
        // the short one's second must pass: waiting out an expiry, not synchronising with the server
        Thread.sleep(2_100);
        Mqtt5BlockingClient late = hive("expiry-late");
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = late.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter("expiry/#").qos(MqttQos.AT_LEAST_ONCE).send();
            hivePublish("expiry/marker", "end");
            List<String> topics = new java.util.ArrayList<>();
            Optional<Mqtt5Publish> next;
            do {
                next = publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(next).as("messages up to the marker").isPresent();
                Mqtt5Publish message = next.get();
                topics.add(message.getTopic().toString());
                if (message.getTopic().toString().equals("expiry/long")) {
                    assertThat(message.getMessageExpiryInterval()).isPresent();
                    assertThat(message.getMessageExpiryInterval().getAsLong()).isBetween(1L, 600L);
                }
            } while (!next.get().getTopic().toString().equals("expiry/marker"));
            assertThat(topics).containsExactlyInAnyOrder("expiry/long", "expiry/marker");
        } finally {
            late.disconnect();
            Mqtt5BlockingClient clearing = hive("expiry-clear");
            clearing.publishWith().topic("expiry/long").retain(true).send();
            clearing.disconnect();
        }
    }

    private Mqtt5BlockingClient hive(String id) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
        client.connect();
        return client;
    }

    private void hivePublish(String topic, String payload) {
        Mqtt5BlockingClient client = hive("marker-" + topic.replace('/', '-'));
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        client.disconnect();
    }

    /** An MQTT 5 CONNECT with a session of 60 s and a will of that delay, in raw bytes: the test closes its socket without DISCONNECT. */
    private static byte[] connectWithDelayedWill(String clientId, String willTopic, int delaySeconds) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x06, 0, 60});
        body.writeBytes(new byte[] {5, 0x11, 0, 0, 0, 60});
        utf8(body, clientId);
        body.writeBytes(new byte[] {5, 0x18, 0, 0, 0, (byte) delaySeconds});
        utf8(body, willTopic);
        utf8(body, "gone for good");
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void utf8(java.io.ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
