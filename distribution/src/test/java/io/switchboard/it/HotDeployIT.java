package io.switchboard.it;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plugins replaced in {@code deploy/} of a running {@code bin/switchboard} while nats.java
 * traffic flows over TCP: the broker process stays, the TCP clients lose nothing and never
 * reconnect, and only the replaced plugin restarts, in its new version.
 */
class HotDeployIT {

    private static final String WEBSOCKET = "io.switchboard.switchboard-websocket";
    private static final String NKEY = "io.switchboard.switchboard-auth-nkey";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void replacingTheWebSocketJarUpdatesItWhileTcpTrafficFlowsUntouched() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        int wsPort = Distribution.freePort();
        Path conf = Distribution.websocketConfig(wsPort);
        try (ServerProcess broker = ServerProcess.startIn(dist.home(), "-c", conf.toString(), "-m", "-1")) {
            MonitorClient monitor = new MonitorClient(broker.monitorPort());
            JsonValue before = monitor.json("/varz");
            Path release = dist.release("switchboard-websocket.jar", 7);
            String newVersion = Distribution.bundleVersion(release);
            String wsUrl = "ws://127.0.0.1:" + broker.websocketPort();
            List<ConnectionListener.Events> wsEvents = new CopyOnWriteArrayList<>();
            Options.Builder tcp = new Options.Builder().server(broker.url()).maxReconnects(0);
            try (NumberedTraffic traffic = new NumberedTraffic(tcp);
                 Connection wsBefore = Nats.connect(new Options.Builder().server(wsUrl).maxReconnects(-1)
                         .reconnectWait(Duration.ofMillis(100))
                         .connectionListener((conn, event) -> wsEvents.add(event)).build())) {
                await().atMost(WAIT).until(() -> traffic.published() > 1000);

                dist.replace("switchboard-websocket.jar", release);
                await().atMost(WAIT).until(() -> monitor.active(WEBSOCKET, newVersion));
                long atUpdate = traffic.published();
                await().atMost(WAIT).until(() -> traffic.published() > atUpdate + 1000);

                traffic.stopAndVerify();
                await().atMost(WAIT).until(() -> wsEvents.contains(ConnectionListener.Events.RECONNECTED));
                assertThat(wsEvents).containsSubsequence(ConnectionListener.Events.LAME_DUCK,
                        ConnectionListener.Events.DISCONNECTED, ConnectionListener.Events.RECONNECTED);
                assertRoundTrip(wsBefore, broker.url());
            }
            try (Connection wsAfter = Nats.connect(new Options.Builder().server(wsUrl).maxReconnects(0).build())) {
                assertRoundTrip(wsAfter, broker.url());
            }
            JsonValue after = monitor.json("/varz");
            assertThat(broker.isAlive()).isTrue();
            assertThat(after.map.get("server_id").string).isEqualTo(before.map.get("server_id").string);
            assertThat(after.map.get("start").string).isEqualTo(before.map.get("start").string);
            assertThat(broker.log()).filteredOn(l -> l.contains("Listening for client connections")).hasSize(1);
        }
    }

    @Test
    void duringAnAuthBundleUpdateNkeyClientsAreRefusedNeverLetIn() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        NKey user = NKey.createUser(new SecureRandom());
        NKey impostor = NKey.createUser(new SecureRandom());
        Path conf = ServerProcess.configFile("authorization { users: [ {user: traffic, password: s3cret}, {nkey: "
                + new String(user.getPublicKey()) + "} ] }\n");
        try (ServerProcess broker = ServerProcess.startIn(dist.home(), "-c", conf.toString(), "-m", "-1")) {
            MonitorClient monitor = new MonitorClient(broker.monitorPort());
            Path release = dist.release("switchboard-auth-nkey.jar", 7);
            String newVersion = Distribution.bundleVersion(release);
            Options.Builder valid = nkeyOptions(broker, Nats.staticCredentials(null, user.getSeed()));
            Options.Builder forged = nkeyOptions(broker, new SignedBy(impostor, user));
            await().atMost(WAIT).ignoreExceptions().until(() -> connects(valid));
            try (NumberedTraffic traffic = new NumberedTraffic(new Options.Builder().server(broker.url())
                    .userInfo("traffic", "s3cret").maxReconnects(0));
                 Connection admittedBefore = Nats.connect(valid.build())) {
                AtomicInteger forgedAdmitted = new AtomicInteger();
                List<String> refusals = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> updated = CompletableFuture.runAsync(() -> {
                    try {
                        dist.replace("switchboard-auth-nkey.jar", release);
                        await().atMost(WAIT).until(() -> monitor.active(NKEY, newVersion));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (!updated.isDone()) {
                    tryConnect(valid, refusals);
                    if (tryConnect(forged, refusals)) {
                        forgedAdmitted.incrementAndGet();
                    }
                }
                updated.get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(forgedAdmitted).hasValue(0);
                assertThat(refusals).isNotEmpty().allMatch(r -> r.contains("Authorization Violation"));
                await().atMost(WAIT).ignoreExceptions().until(() -> connects(valid));
                admittedBefore.flush(Duration.ofSeconds(5));
                assertThat(admittedBefore.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                traffic.stopAndVerify();
            }
            assertThat(broker.log()).anyMatch(l -> l.contains("Authenticator \"nkey\" gone"));
        }
    }

    private static Options.Builder nkeyOptions(ServerProcess broker, AuthHandler auth) {
        return new Options.Builder().server(broker.url()).authHandler(auth).maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5));
    }

    private static boolean connects(Options.Builder options) throws Exception {
        try (Connection probe = Nats.connect(options.build())) {
            return probe.getStatus() == Connection.Status.CONNECTED;
        }
    }

    /** Whether the client got in; a refusal's text is kept. */
    private static boolean tryConnect(Options.Builder options, List<String> refusals) {
        try (Connection connection = Nats.connect(options.build())) {
            connection.flush(Duration.ofSeconds(5));
            return connection.getStatus() == Connection.Status.CONNECTED;
        } catch (Exception e) {
            refusals.add(String.valueOf(e.getMessage()));
            return false;
        }
    }

    private static void assertRoundTrip(Connection ws, String tcpUrl) throws Exception {
        try (Connection tcp = Nats.connect(new Options.Builder().server(tcpUrl).maxReconnects(0).build())) {
            CompletableFuture<Message> fromWs = new CompletableFuture<>();
            Dispatcher dispatcher = tcp.createDispatcher(fromWs::complete);
            dispatcher.subscribe("hot.ws");
            tcp.flush(Duration.ofSeconds(5));
            ws.publish("hot.ws", "over websocket".getBytes(StandardCharsets.UTF_8));
            ws.flush(Duration.ofSeconds(5));
            assertThat(new String(fromWs.get(5, TimeUnit.SECONDS).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("over websocket");
        }
    }

    /** Claims one user's public key and signs the nonce with another key: a forgery the server must refuse. */
    private record SignedBy(NKey signer, NKey claimed) implements AuthHandler {
        @Override
        public byte[] sign(byte[] nonce) {
            try {
                return signer.sign(nonce);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public char[] getID() {
            try {
                return claimed.getPublicKey();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public char[] getJWT() {
            return null;
        }
    }
}
