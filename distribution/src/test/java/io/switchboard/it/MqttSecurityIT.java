package io.switchboard.it;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JwtUtils.UserClaim;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.switchboard.it.TrustChain.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MQTT port over TLS, and MQTT clients that authenticate with a user JWT in the password field. */
class MqttSecurityIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path store;

    @Test
    void theMqttPortSpeaksTlsAndNothingElse() throws Exception {
        try (ServerProcess broker = ServerProcess.start("-c", ServerProcess.configFile("""
                mqtt { host: 127.0.0.1, port: -1, store_dir: "%s", %s }
                """.formatted(store, TestCa.serverTlsBlock())).toString())) {
            int port = broker.mqttPort();
            assertThat(broker.log()).anyMatch(l -> l.contains("Listening for MQTT clients on mqtts://"));
            MqttConnectOptions secure = options(null, null);
            secure.setSocketFactory(TestCa.trusting().getSocketFactory());
            MqttClient client = connect("ssl://localhost:" + port, "over-tls", secure);
            BlockingQueue<String> received = subscribe(client, "secure/topic");
            client.publish("secure/topic", "sealed".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("sealed");
            client.disconnect();

            assertThatThrownBy(() -> connect("tcp://127.0.0.1:" + port, "in-the-clear", options(null, null)))
                    .isInstanceOf(MqttException.class);
        }
    }

    @Test
    void aBearerUserJwtInThePasswordFieldAuthenticatesAndOthersAreRefused() throws Exception {
        NKey operator = NKey.createOperator(RANDOM);
        NKey account = NKey.createAccount(RANDOM);
        NKey system = NKey.createAccount(RANDOM);
        long now = JwtUtils.currentTimeSeconds();
        String config = TrustChain.config(TrustChain.operatorJwt(operator, now), pub(system),
                pub(account) + ": " + TrustChain.accountJwt(operator, account, now, TrustChain.NO_LIMITS),
                pub(system) + ": " + TrustChain.accountJwt(operator, system, now, TrustChain.NO_LIMITS))
                + "mqtt { host: 127.0.0.1, port: -1, store_dir: \"" + store + "\" }\n";
        String bearer = JwtUtils.issueUserJWT(account, pub(NKey.createUser(RANDOM)), null, null, now,
                new UserClaim(pub(account)).bearerToken(true));
        String needsSignature = JwtUtils.issueUserJWT(account, pub(NKey.createUser(RANDOM)), null, null, now,
                new UserClaim(pub(account)));
        NKey stranger = NKey.createAccount(RANDOM);
        String unknownAccount = JwtUtils.issueUserJWT(stranger, pub(NKey.createUser(RANDOM)), null, null, now,
                new UserClaim(pub(stranger)).bearerToken(true));
        try (ServerProcess broker = ServerProcess.start("-c", ServerProcess.configFile(config).toString())) {
            String url = "tcp://127.0.0.1:" + broker.mqttPort();
            MqttClient device = connect(url, "device", options("device", bearer));
            BlockingQueue<String> received = subscribe(device, "telemetry/+");
            device.publish("telemetry/a", "42".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("42");
            device.disconnect();

            for (String refused : new String[] {needsSignature, unknownAccount, "not-a-jwt"}) {
                assertThatThrownBy(() -> connect(url, "refused", options("device", refused)))
                        .isInstanceOf(MqttSecurityException.class);
            }
        }
    }

    private static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    private static MqttClient connect(String url, String id, MqttConnectOptions options) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        try {
            client.connect(options);
            return client;
        } catch (MqttException e) {
            client.close();
            throw e;
        }
    }

    private static BlockingQueue<String> subscribe(MqttClient client, String filter) throws MqttException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        client.subscribe(filter, 1, (topic, message) -> received.add(text(message)));
        return received;
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }
}
