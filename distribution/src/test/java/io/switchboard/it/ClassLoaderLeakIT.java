package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket transport updated again and again in an embedded broker, with clients through it
 * each time: each update restarts that bundle alone, and the class loaders of its old versions
 * are collected, so nothing it started (listener, channels, handlers on the shared event loops,
 * threads, timers) outlives it.
 */
class ClassLoaderLeakIT {

    private static final String WEBSOCKET = "io.switchboard.switchboard-websocket";
    private static final String TRANSPORT_CLASS = "io.switchboard.transport.websocket.WebSocketTransport";
    private static final int UPDATES = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void oldVersionsOfAnUpdatedTransportAreCollectedAndNoOtherBundleRestarts() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        int wsPort = Distribution.freePort();
        Path conf = Distribution.websocketConfig(wsPort);
        Path log = tmp.resolve("broker.log");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dist.home(), log, "-c", conf.toString())) {
            await().atMost(WAIT).until(() -> websocketListenings(log) == 1);
            updateRepeatedly(dist, broker, "ws://127.0.0.1:" + wsPort, log);
        }
    }

    private static void updateRepeatedly(Distribution dist, EmbeddedBroker broker, String wsUrl, Path log)
            throws Exception {
        String tcpUrl = broker.url();
        Bundle websocket = broker.bundle(WEBSOCKET);
        BundleContext context = broker.context();
        List<BundleEvent> events = new CopyOnWriteArrayList<>();
        context.addBundleListener(events::add);

        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        for (int update = 1; update <= UPDATES; update++) {
            roundTrip(wsUrl, tcpUrl);
            oldLoaders.add(loaderOf(websocket));
            Path release = dist.release("switchboard-websocket.jar", update);
            String version = Distribution.bundleVersion(release);
            dist.replace("switchboard-websocket.jar", release);
            int listenings = update + 1;
            await().atMost(WAIT).until(() -> websocket.getVersion().toString().equals(version)
                    && websocket.getState() == Bundle.ACTIVE && websocketListenings(log) == listenings);
        }
        roundTrip(wsUrl, tcpUrl);

        assertThat(events).as("bundle events").isNotEmpty()
                .allMatch(event -> event.getBundle().equals(websocket));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return oldLoaders.stream().allMatch(loader -> loader.get() == null);
        });
    }

    /** The class loader of the bundle's current version, held weakly. */
    private static WeakReference<ClassLoader> loaderOf(Bundle bundle) throws ClassNotFoundException {
        return new WeakReference<>(bundle.loadClass(TRANSPORT_CLASS).getClassLoader());
    }

    private static long websocketListenings(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Listening for websocket clients")).count();
    }

    /** A message from a WebSocket client to a TCP client, through the current version of the transport. */
    private static void roundTrip(String wsUrl, String tcpUrl) throws Exception {
        try (Connection tcp = Nats.connect(new Options.Builder().server(tcpUrl).maxReconnects(0).build());
             Connection ws = Nats.connect(new Options.Builder().server(wsUrl).maxReconnects(0).build())) {
            Subscription sub = tcp.subscribe("leak.check");
            tcp.flush(Duration.ofSeconds(5));
            ws.publish("leak.check", "through the websocket".getBytes(StandardCharsets.UTF_8));
            ws.flush(Duration.ofSeconds(5));
            assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
    }
}
