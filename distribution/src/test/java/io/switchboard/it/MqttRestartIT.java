package io.switchboard.it;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What MQTT clients were promised survives a restart of the broker and an update of the MQTT
 * bundle under load: persistent sessions with their subscriptions and queued QoS 1 messages, and
 * retained messages.
 */
class MqttRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MQTT_BUNDLE = "io.switchboard.switchboard-mqtt";

    @TempDir
    Path tmp;

    private static MqttConnectOptions persistent() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout(5);
        return options;
    }

    private static MqttClient connect(String url, String id, MqttConnectOptions options) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        client.connect(options);
        return client;
    }

    /** Messages arriving at {@code client}, its subscriptions made before it connected included. */
    private static BlockingQueue<String> collect(MqttClient client) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return received;
    }

    @Test
    void aRestartKeepsSessionsTheirQueuedMessagesAndRetainedMessages() throws Exception {
        Path conf = ServerProcess.configFile("mqtt { host: 127.0.0.1, port: -1, store_dir: \"" + tmp.resolve("store") + "\" }\n");
        ServerProcess first = ServerProcess.start("-c", conf.toString());
        String url = "tcp://127.0.0.1:" + first.mqttPort();
        MqttClient keeper = connect(url, "keeper", persistent());
        keeper.subscribe("persist/#", 1);
        keeper.disconnect();
        keeper.close();
        MqttClient feeder = connect(url, "feeder", new MqttConnectOptions());
        for (int i = 0; i < 3; i++) {
            feeder.publish("persist/queued", ("q" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        feeder.publish("settings/mode", "eco".getBytes(StandardCharsets.UTF_8), 1, true);
        feeder.disconnect();
        assertThat(first.stop()).isZero();

        try (ServerProcess second = ServerProcess.start("-c", conf.toString())) {
            String again = "tcp://127.0.0.1:" + second.mqttPort();
            assertThat(second.log()).anyMatch(l -> l.contains("Restored 1 MQTT sessions from the store"));
            MqttClient publisher = connect(again, "feeder", new MqttConnectOptions());
            publisher.publish("persist/after", "a".getBytes(StandardCharsets.UTF_8), 1, false);

            MqttClient back = new MqttClient(again, "keeper", new MemoryPersistence());
            BlockingQueue<String> received = collect(back);
            IMqttToken connected = back.connectWithResult(persistent());
            assertThat(connected.getSessionPresent()).isTrue();
            for (String expected : new String[]{"persist/queued=q0", "persist/queued=q1", "persist/queued=q2", "persist/after=a"}) {
                assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expected);
            }
            MqttClient late = connect(again, "late", new MqttConnectOptions());
            BlockingQueue<String> retained = collect(late);
            late.subscribe("settings/+", 1);
            assertThat(retained.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("settings/mode=eco");
            publisher.disconnect();
            back.disconnect();
            late.disconnect();
        }
    }

    @Test
    void anUpdateOfTheBundleUnderLoadLosesNoAcknowledgedMessage() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        int port = Distribution.freePort();
        Path conf = ServerProcess.configFile("mqtt { listen: \"127.0.0.1:" + port + "\", store_dir: \""
                + tmp.resolve("update-store") + "\" }\n");
        try (ServerProcess broker = ServerProcess.startIn(dist.home(), "-c", conf.toString(), "-m", "-1")) {
            MonitorClient monitor = new MonitorClient(broker.monitorPort());
            String url = "tcp://127.0.0.1:" + broker.mqttPort();
            MqttConnectOptions subscriberOptions = persistent();
            subscriberOptions.setAutomaticReconnect(true);
            subscriberOptions.setMaxReconnectDelay(200);
            MqttClient subscriber = new MqttClient(url, "load-sub", new MemoryPersistence());
            BlockingQueue<String> received = collect(subscriber);
            subscriber.connect(subscriberOptions);
            subscriber.subscribe("load/+", 1);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = new Thread(() -> publishUntilStopped(url, running, acknowledged), "mqtt-load");
            load.start();
            await().atMost(WAIT).until(() -> acknowledged.size() > 200);

            Path release = dist.release("switchboard-mqtt.jar", 9);
            dist.replace("switchboard-mqtt.jar", release);
            await().atMost(WAIT).until(() -> monitor.active(MQTT_BUNDLE, Distribution.bundleVersion(release)));
            int atUpdate = acknowledged.size();
            await().atMost(WAIT).until(() -> acknowledged.size() > atUpdate + 200);
            running.set(false);
            load.join(WAIT.toMillis());

            Set<String> seen = ConcurrentHashMap.newKeySet();
            await().atMost(WAIT).until(() -> {
                received.drainTo(seen);
                return seen.containsAll(acknowledged);
            });
            // Paho waits out its 30 s quiesce time after a reconnected session; nothing is left to wait for here
            subscriber.disconnectForcibly(0, 1000);
            subscriber.close();
        }
    }

    /** Publishes numbered QoS 1 messages; one that is not acknowledged is published again after a reconnect. */
    private static void publishUntilStopped(String url, AtomicBoolean running, Set<String> acknowledged) {
        int next = 0;
        MqttClient publisher = null;
        while (running.get()) {
            try {
                if (publisher == null || !publisher.isConnected()) {
                    publisher = new MqttClient(url, "load-pub", new MemoryPersistence());
                    MqttConnectOptions options = new MqttConnectOptions();
                    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                    options.setConnectionTimeout(2);
                    publisher.connect(options);
                }
                String body = "m" + next;
                publisher.publish("load/x", body.getBytes(StandardCharsets.UTF_8), 1, false);
                acknowledged.add("load/x=" + body);
                next++;
            } catch (MqttException e) {
                sleepBriefly();
            }
        }
        try {
            if (publisher != null && publisher.isConnected()) {
                publisher.disconnect();
            }
        } catch (MqttException e) {
            // the broker closes it as well
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
