package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.support.JsonValue;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT clients (Eclipse Paho 3.1.1 and 5, Debian's mosquitto clients, raw sockets) and nats.java
 * on one broker: topics meet subjects, QoS 0, 1 and 2, retained and will messages, persistent
 * sessions, and the reason codes bad input gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path store;
    ServerProcess broker;
    String mqtt;
    int mqttPort;

    @BeforeAll
    void start() throws IOException {
        broker = ServerProcess.start("-c", ServerProcess.configFile("""
                mqtt { host: 127.0.0.1, port: -1, store_dir: "%s", max_ack_pending: 100 }
                websocket { host: 127.0.0.1, port: -1, no_tls: true }
                """.formatted(store)).toString(), "-m", "-1");
        mqttPort = broker.mqttPort();
        mqtt = "tcp://127.0.0.1:" + mqttPort;
    }

    @AfterAll
    void stop() throws InterruptedException {
        broker.close();
    }

    private MqttClient client(String id, boolean cleanSession) throws MqttException {
        MqttClient client = new MqttClient(mqtt, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    private static BlockingQueue<org.eclipse.paho.client.mqttv3.MqttMessage> subscribe(MqttClient client, String filter, int qos)
            throws MqttException {
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        IMqttToken token = client.subscribeWithResponse(filter, qos, (topic, message) -> received.add(message));
        assertThat(token.getGrantedQos()).containsExactly(qos);
        return received;
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    private static MqttMessage next(BlockingQueue<MqttMessage> queue) throws InterruptedException {
        MqttMessage message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a message within " + WAIT).isNotNull();
        return message;
    }

    @Test
    void mqttAndNatsClientsSeeEachOthersMessages() throws Exception {
        MqttClient device = client("device-1", true);
        try (Connection nc = Nats.connect(broker.url())) {
            BlockingQueue<MqttMessage> onDevice = subscribe(device, "sensors/+/temp", 1);
            Subscription onNats = nc.subscribe("sensors.>");
            nc.flush(WAIT);

            nc.publish("sensors.k1.temp", "21.5".getBytes(StandardCharsets.UTF_8));
            MqttMessage fromNats = next(onDevice);
            assertThat(text(fromNats)).isEqualTo("21.5");
            assertThat(fromNats.getQos()).isZero();
            assertThat(onNats.nextMessage(WAIT).getSubject()).isEqualTo("sensors.k1.temp");

            device.publish("sensors/k2/temp", "19".getBytes(StandardCharsets.UTF_8), 1, false);
            Message fromMqtt = onNats.nextMessage(WAIT);
            assertThat(fromMqtt.getSubject()).isEqualTo("sensors.k2.temp");
            assertThat(new String(fromMqtt.getData(), StandardCharsets.UTF_8)).isEqualTo("19");
            assertThat(fromMqtt.getHeaders().getFirst("Nmqtt-Pub")).isEqualTo("1");
            MqttMessage echoed = next(onDevice);
            assertThat(echoed.getQos()).isEqualTo(1);
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void mqttOverWebSocketMeetsMqttOverTcpAndNats() throws Exception {
        MqttClient overWebSocket = new MqttClient("ws://127.0.0.1:" + broker.websocketPort() + "/mqtt", "ws-device",
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        overWebSocket.connect(options);
        MqttClient overTcp = client("tcp-device", true);
        try (Connection nc = Nats.connect(broker.url())) {
            BlockingQueue<MqttMessage> onWebSocket = subscribe(overWebSocket, "web/+", 1);
            Subscription onNats = nc.subscribe("web.*");
            nc.flush(WAIT);
            overTcp.publish("web/tcp", "over tcp".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(text(next(onWebSocket))).isEqualTo("over tcp");
            overWebSocket.publish("web/ws", "over websocket".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(new String(onNats.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("over tcp");
            assertThat(new String(onNats.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("over websocket");
        } finally {
            overWebSocket.disconnect();
            overTcp.disconnect();
        }
    }

    @Test
    void qos2IsDeliveredExactlyOnceFromPaho3ToPaho5() throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient subscriber =
                new org.eclipse.paho.mqttv5.client.MqttClient(mqtt, "v5-sub", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        subscriber.connect(new MqttConnectionOptions());
        BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> received = new LinkedBlockingQueue<>();
        subscriber.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[]{
                new org.eclipse.paho.mqttv5.common.MqttSubscription("exact/once", 2)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[]{(topic, message) -> received.add(message)});
        MqttClient publisher = client("v3-pub", true);
        try {
            for (int i = 0; i < 20; i++) {
                publisher.publish("exact/once", ("m" + i).getBytes(StandardCharsets.UTF_8), 2, false);
            }
            for (int i = 0; i < 20; i++) {
                org.eclipse.paho.mqttv5.common.MqttMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
                assertThat(message.getQos()).isEqualTo(2);
            }
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            publisher.disconnect();
            publisher.close();
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void retainedMessageGoesToLaterSubscribersUntilCleared() throws Exception {
        MqttClient publisher = client("retainer", true);
        publisher.publish("config/lamp", "on".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient late = client("late", true);
        try {
            MqttMessage retained = next(subscribe(late, "config/#", 1));
            assertThat(text(retained)).isEqualTo("on");
            assertThat(retained.isRetained()).isTrue();
            publisher.publish("config/lamp", new byte[0], 1, true);
            late.unsubscribe("config/#");
            BlockingQueue<MqttMessage> again = subscribe(late, "config/#", 1);
            assertThat(again.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            publisher.disconnect();
            late.disconnect();
        }
    }

    @Test
    void willIsPublishedWhenAClientVanishes() throws Exception {
        MqttClient watcher = client("watcher", true);
        BlockingQueue<MqttMessage> wills = subscribe(watcher, "status/+", 0);
        try (Socket socket = new Socket("127.0.0.1", mqttPort)) {
            socket.getOutputStream().write(RawMqtt.connect(4, "doomed", "status/doomed", "gone"));
            assertThat(RawMqtt.read(socket.getInputStream())).startsWith(0x20, 0x02, 0x00, 0x00);
        }
        assertThat(text(next(wills))).isEqualTo("gone");
        watcher.disconnect();
    }

    @Test
    void persistentSessionKeepsItsSubscriptionAndQueuedMessages() throws Exception {
        MqttClient away = client("away", false);
        subscribe(away, "queue/x", 1);
        away.disconnect();
        away.close();
        MqttClient publisher = client("feeder", true);
        for (int i = 0; i < 3; i++) {
            publisher.publish("queue/x", ("q" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        publisher.disconnect();

        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        MqttClient back = new MqttClient(mqtt, "away", new MemoryPersistence());
        back.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(message);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        IMqttToken connected = back.connectWithResult(options);
        assertThat(connected.getSessionPresent()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(text(next(received))).isEqualTo("q" + i);
        }
        back.disconnect();
        back.close();
    }

    @Test
    void mosquittoClientsOfBothVersionsTalkThroughTheBroker() throws Exception {
        for (String version : List.of("mqttv311", "mqttv5")) {
            Process sub = new ProcessBuilder("mosquitto_sub", "-V", version, "-h", "127.0.0.1", "-p", "" + mqttPort,
                    "-t", "mosq/" + version, "-q", "1", "-C", "1", "-W", "10").redirectErrorStream(true).start();
            try (Connection nc = Nats.connect(broker.url())) {
                Subscription natsSide = nc.subscribe("mosq." + version);
                nc.flush(WAIT);
                // the subscriber is there once a retained-free publish reaches it: publish until it exits
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (sub.isAlive() && System.nanoTime() < deadline) {
                    Process pub = new ProcessBuilder("mosquitto_pub", "-V", version, "-h", "127.0.0.1", "-p",
                            "" + mqttPort, "-t", "mosq/" + version, "-q", "1", "-m", "hello " + version).start();
                    assertThat(pub.waitFor(5, TimeUnit.SECONDS)).isTrue();
                    assertThat(pub.exitValue()).isZero();
                    sub.waitFor(200, TimeUnit.MILLISECONDS);
                }
                assertThat(sub.waitFor(1, TimeUnit.SECONDS)).isTrue();
                assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                        .isEqualTo("hello " + version);
                assertThat(new String(natsSide.nextMessage(WAIT).getData(), StandardCharsets.UTF_8))
                        .isEqualTo("hello " + version);
            } finally {
                sub.destroyForcibly();
            }
        }
    }

    @Test
    void badInputGetsTheSpecsReasonCodesAndHarmsNoOne() throws Exception {
        MqttClient bystander = client("bystander", true);
        BlockingQueue<MqttMessage> seen = subscribe(bystander, "still/here", 0);
        try (Socket socket = new Socket("127.0.0.1", mqttPort)) {
            socket.getOutputStream().write(RawMqtt.connect(6, "future", null, null));
            assertThat(RawMqtt.read(socket.getInputStream())).startsWith(0x20, 0x02, 0x00, 0x01);
        }
        try (Socket socket = new Socket("127.0.0.1", mqttPort)) {
            socket.getOutputStream().write(RawMqtt.connect(5, "v5-garbage", null, null));
            assertThat(RawMqtt.read(socket.getInputStream())[0]).isEqualTo(0x20);
            socket.getOutputStream().write(new byte[]{0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
            int[] disconnect = RawMqtt.read(socket.getInputStream());
            assertThat(disconnect[0]).isEqualTo(0xE0);
            assertThat(disconnect[2]).isIn(0x81, 0x95);
        }
        try (Socket socket = new Socket("127.0.0.1", mqttPort)) {
            socket.getOutputStream().write(RawMqtt.connect(5, "flooder", null, null));
            assertThat(RawMqtt.read(socket.getInputStream())[0]).isEqualTo(0x20);
            for (int id = 1; id <= 101; id++) {
                socket.getOutputStream().write(RawMqtt.publishQos2(id, "flood/x", "never released"));
            }
            int[] packet;
            do {
                packet = RawMqtt.read(socket.getInputStream());
            } while (packet[0] == 0x50);
            assertThat(packet[0]).isEqualTo(0xE0);
            assertThat(packet[2]).isEqualTo(0x93);
        }
        MqttClient first = client("twin", true);
        MqttClient second = client("twin", true);
        assertThat(org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !first.isConnected(), b -> b)).isTrue();
        assertThat(second.isConnected()).isTrue();
        second.disconnect();

        bystander.publish("still/here", "yes".getBytes(StandardCharsets.UTF_8), 0, false);
        assertThat(text(next(seen))).isEqualTo("yes");
        bystander.disconnect();
        assertThat(broker.log()).anyMatch(l -> l.contains("[ERR]") && l.contains("unsupported protocol"));

        // counted in /varz's mqtt object after nats-server's fields, and so in /metrics; other tests add to them
        MonitorClient monitor = new MonitorClient(broker.monitorPort());
        JsonValue varz = monitor.json("/varz").map.get("mqtt");
        assertThat(varz.map.get("host").string).isEqualTo("127.0.0.1");
        assertThat(varz.map.get("port")).isNotNull();
        assertThat(count(varz, "unsupported_protocol_levels")).isPositive();
        assertThat(count(varz, "refused_connects")).isPositive();
        assertThat(count(varz, "malformed_packets") + count(varz, "packets_too_large")).isPositive();
        assertThat(count(varz, "receive_maximum_exceeded")).isPositive();
        assertThat(count(varz, "takeovers")).isPositive();
        assertThat(varz.map).containsKeys("keep_alive_timeouts", "dropped_queue_full", "refused_store_full",
                "slow_consumers");
        assertThat(monitor.get("/metrics").body())
                .containsPattern("(?m)^gnatsd_varz_mqtt_unsupported_protocol_levels\\{server_id=\"[^\"]+\"} [1-9]")
                .containsPattern("(?m)^gnatsd_varz_mqtt_takeovers\\{server_id=\"[^\"]+\"} [1-9]");
    }

    private static long count(JsonValue object, String field) {
        JsonValue value = object.map.get(field);
        assertThat(value).as(field).isNotNull();
        return value.l != null ? value.l : value.i;
    }

    @Test
    void usersGoThroughTheAuthChainWithTheirPermissions() throws Exception {
        try (ServerProcess secured = ServerProcess.start("-c", ServerProcess.configFile("""
                authorization {
                  users: [
                    { user: sensor, password: s3cret, permissions: { publish: "telemetry.>", subscribe: ["commands", "commands.>"] } }
                    { user: ops, password: t0ps3cret }
                  ]
                }
                mqtt { host: 127.0.0.1, port: -1, store_dir: "%s/secured" }
                """.formatted(store)).toString())) {
            String url = "tcp://127.0.0.1:" + secured.mqttPort();
            MqttConnectOptions wrong = new MqttConnectOptions();
            wrong.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            wrong.setUserName("sensor");
            wrong.setPassword("nope".toCharArray());
            MqttClient refused = new MqttClient(url, "intruder", new MemoryPersistence());
            assertThatThrownBy(() -> refused.connect(wrong)).isInstanceOf(MqttException.class)
                    .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(5));

            MqttConnectOptions right = new MqttConnectOptions();
            right.setUserName("sensor");
            right.setPassword("s3cret".toCharArray());
            MqttClient sensor = new MqttClient(url, "sensor-1", new MemoryPersistence());
            sensor.connect(right);
            IMqttToken denied = sensor.subscribeWithResponse("secrets/#", 1);
            assertThat(denied.getGrantedQos()).containsExactly(0x80);
            try (Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(secured.url())
                    .userInfo("ops", "t0ps3cret").build())) {
                Subscription telemetry = nc.subscribe("telemetry.>");
                nc.flush(WAIT);
                BlockingQueue<MqttMessage> commands = subscribe(sensor, "commands/#", 1);
                nc.publish("commands.reboot", "now".getBytes(StandardCharsets.UTF_8));
                assertThat(text(next(commands))).isEqualTo("now");
                sensor.publish("secrets/x", "leak".getBytes(StandardCharsets.UTF_8), 1, false);
                sensor.publish("telemetry/t", "ok".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(telemetry.nextMessage(WAIT).getSubject()).isEqualTo("telemetry.t");
            }
            assertThat(secured.log()).anyMatch(l -> l.contains("Publish Violation") && l.contains("\"secrets.x\""));
            sensor.disconnect();
        }
    }

    @Test
    void aFullStoreRefusesQos1PublishesWithQuotaExceeded() throws Exception {
        try (ServerProcess small = ServerProcess.start("-c", ServerProcess.configFile("""
                mqtt { host: 127.0.0.1, port: -1, store_dir: "%s/small", max_stored_messages: 2 }
                """.formatted(store)).toString())) {
            int port = small.mqttPort();
            MqttClient away = new MqttClient("tcp://127.0.0.1:" + port, "away-small", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            away.connect(options);
            away.subscribe("full/x", 1);
            away.disconnect();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(RawMqtt.connect(5, "filler", null, null));
                assertThat(RawMqtt.read(socket.getInputStream())[0]).isEqualTo(0x20);
                for (int id = 1; id <= 3; id++) {
                    socket.getOutputStream().write(RawMqtt.publish(1, id, "full/x", "m" + id));
                    int[] puback = RawMqtt.read(socket.getInputStream());
                    assertThat(puback[0]).isEqualTo(0x40);
                    int reason = puback[1] > 2 ? puback[4] : 0;
                    assertThat(reason).isEqualTo(id <= 2 ? 0x00 : 0x97);
                }
            }
        }
    }

    /** Hand-built MQTT packets, for what no well-behaved client sends. */
    static final class RawMqtt {

        static byte[] connect(int level, String clientId, String willTopic, String willMessage) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, "MQTT");
            body.write(level);
            body.write(0x02 | (willTopic != null ? 0x04 : 0));
            body.write(0);
            body.write(30);
            if (level == 5) {
                body.write(0);
            }
            string(body, clientId);
            if (willTopic != null) {
                if (level == 5) {
                    body.write(0);
                }
                string(body, willTopic);
                string(body, willMessage);
            }
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(0x10);
            packet.write(body.size());
            body.writeTo(packet);
            return packet.toByteArray();
        }

        static byte[] publishQos2(int packetId, String topic, String payload) throws IOException {
            return publish(2, packetId, topic, payload);
        }

        /** An MQTT 5 PUBLISH without properties. */
        static byte[] publish(int qos, int packetId, String topic, String payload) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, topic);
            body.write(packetId >> 8);
            body.write(packetId & 0xFF);
            body.write(0);
            body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(0x30 | qos << 1);
            packet.write(body.size());
            body.writeTo(packet);
            return packet.toByteArray();
        }

        private static void string(ByteArrayOutputStream out, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >> 8);
            out.write(bytes.length & 0xFF);
            out.writeBytes(bytes);
        }

        /** One packet, as unsigned bytes, fixed header included. */
        static int[] read(InputStream in) throws IOException {
            DataInputStream data = new DataInputStream(in);
            int type = data.readUnsignedByte();
            int length = data.readUnsignedByte();
            int[] packet = new int[length + 2];
            packet[0] = type;
            packet[1] = length;
            for (int i = 0; i < length; i++) {
                packet[i + 2] = data.readUnsignedByte();
            }
            return packet;
        }
    }
}
