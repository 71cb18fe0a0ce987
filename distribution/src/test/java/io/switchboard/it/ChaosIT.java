package io.switchboard.it;

import io.nats.client.Options;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Numbered messages through a supercluster while it is mistreated, and an account of every one.
 * Cluster {@code a} has two Switchboard and two nats-server nodes joined by routes; cluster
 * {@code b} is one nats-server behind a gateway. One Switchboard ({@code sb-v}) and one
 * nats-server ({@code ns-v}) of cluster {@code a} are killed with SIGKILL and started again in
 * turn; meanwhile the WebSocket bundle of {@code sb-a} is replaced in its {@code deploy/}, hundreds
 * of connections come and go, raw sockets send garbage, and a raw subscriber on {@code sb-a} stalls
 * again and again until it is cut as a slow consumer.
 *
 * <p>Core NATS delivers at most once, so a message whose publishing or subscribing node dies on
 * its way may be lost. For a flow touching a killed node the loss window is precise: it opens after
 * the highest number its subscriber had when the kill came and closes at the first number the
 * subscriber gets that was published after the node was up again. Every flow that touches no killed
 * node must lose, duplicate and reorder nothing, and see no reconnect; every loss elsewhere must fall
 * in a kill window or between two sessions of the stalled subscriber, each ended by a slow consumer
 * cut that {@code /varz} counted. {@code -Dchaos.seconds=N} sets how long the mistreatment lasts.
 */
class ChaosIT {

    private static final Duration CHAOS = Duration.ofSeconds(Long.getLong("chaos.seconds", 20));
    private static final String WEBSOCKET = "io.switchboard.switchboard-websocket";
    private static final int LARGE = 2048;
    private static final int PROGRESS = 300;

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void everyMessageIsAccountedForThroughKillsUpdatesChurnGarbageAndSlowConsumers() throws Exception {
        Distribution dist = Distribution.copyInto(dir.resolve("home"));
        Node sbA = new Node("sb-a", dist.home());
        Node nsA = new Node("ns-a", null);
        Node nsB = new Node("ns-b", null);
        Node sbV = new Node("sb-v", ServerProcess.home());
        Node nsV = new Node("ns-v", null);
        sbA.configure(clusterA(sbA, null, nsB) + "max_pending: 2MB\nwebsocket { listen: \"127.0.0.1:"
                + freePort() + "\", no_tls: true }\n");
        nsB.configure("gateway { name: b, listen: \"127.0.0.1:%d\", gateways: [ %s ] }\n"
                .formatted(nsB.gateway, gatewayTo("a", sbA)));
        for (Node node : List.of(nsA, sbV, nsV)) {
            node.configure(clusterA(node, sbA, nsB));
        }
        sbA.start();
        nsB.start();
        MonitorClient monitor = new MonitorClient(sbA.process.monitorPort());
        // ns-b's one outbound gateway to cluster a goes to sb-a, which is never killed, before it can
        // learn of the other servers of a
        await().atMost(SETTLE).ignoreExceptions().until(() -> gatewaysUp(monitor));
        for (Node node : List.of(nsA, sbV, nsV)) {
            node.start();
        }

        List<Flow> flows = List.of(
                flow("same server", "chaos.same", 0, sbA, sbA),
                flow("same server, 2 KB", "chaos.stalled", LARGE, sbA, sbA),
                flow("route sb -> ns", "chaos.route.ns", 0, sbA, nsA),
                flow("route ns -> sb", "chaos.route.sb", 0, nsA, sbA),
                flow("gateway sb -> ns", "chaos.gateway.ns", 0, sbA, nsB),
                flow("gateway ns -> sb", "chaos.gateway.sb", 0, nsB, sbA),
                flow("route to killed sb", "chaos.killed.to.sb", 0, sbA, sbV),
                flow("route from killed sb", "chaos.killed.from.sb", 0, sbV, sbA),
                flow("route to killed ns", "chaos.killed.to.ns", 0, sbA, nsV),
                flow("route from killed ns", "chaos.killed.from.ns", 0, nsV, sbA));
        AtomicLong cutsCounted = new AtomicLong(slowConsumers(monitor));
        long slowConsumersBefore = cutsCounted.get();
        StalledSubscriber stalled = keep(new StalledSubscriber(sbA.process.port(), "chaos.stalled",
                () -> newCut(monitor, cutsCounted)));
        Flow witness = flows.get(1);
        ChaosLoad load = keep(new ChaosLoad(List.of(sbA, nsA, nsB).stream().map(n -> n.process.port()).toList()));

        Instant end = Instant.now().plus(CHAOS);
        List<Node> victims = List.of(sbV, nsV);
        int round = 0;
        List<String> events = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
            Node victim = victims.get(round % victims.size());
            killAndRestart(victim, flows, events);
            if (round % 2 == 0) {
                Path release = dist.release("switchboard-websocket.jar", 10 + round);
                dist.replace("switchboard-websocket.jar", release);
                String version = Distribution.bundleVersion(release);
                await().atMost(SETTLE).until(() -> monitor.active(WEBSOCKET, version));
                events.add("websocket bundle updated to " + version + " on sb-a");
            }
            awaitProgress(flows);
            round++;
        }

        stalled.finish();
        load.stop();
        for (Flow flow : flows) {
            flow.published = flow.traffic.stop();
        }
        for (Flow flow : flows) {
            settle(() -> flow.traffic.arrivals().highest() >= flow.published - 1);
        }
        settle(() -> stalled.arrivals().highest() >= witness.published - 1);
        long slowConsumersAfter = slowConsumers(monitor);

        ChaosReport report = new ChaosReport();
        for (Flow flow : flows) {
            report.flow(flow);
        }
        report.stalled(stalled, witness.published, slowConsumersAfter - slowConsumersBefore);
        System.out.println("Chaos for " + CHAOS.toSeconds() + " s, " + round + " rounds: " + String.join("; ", events));
        System.out.println("Load: " + load.summary());
        System.out.println(report.table());

        assertThat(stalled.failure()).as("stalled subscriber").isNull();
        assertThat(load.failures()).as("connections to nodes never killed that failed").isEmpty();
        for (Flow flow : flows) {
            assertThat(flow.traffic.arrivals().duplicated()).as(flow.name + " duplicated").isZero();
            assertThat(flow.traffic.arrivals().reordered()).as(flow.name + " out of order").isZero();
            assertThat(report.unexplained(flow)).as(flow.name + " numbers lost without a reason").isEmpty();
            if (flow.windows.isEmpty()) {
                assertThat(flow.traffic.arrivals().missing(flow.published)).as(flow.name + " lost").isEmpty();
                assertThat(flow.traffic.reconnected()).as(flow.name + " reconnected").isFalse();
            }
        }
        assertThat(stalled.arrivals().duplicated()).isZero();
        assertThat(stalled.arrivals().reordered()).isZero();
        assertThat(report.unexplainedStalled(stalled, witness.published)).as("stalled subscriber lost without a cut")
                .isEmpty();
        assertThat(stalled.sessions()).as("slow consumer cuts").isNotEmpty();
        assertThat(slowConsumersAfter - slowConsumersBefore).as("slow consumers counted by /varz")
                .isEqualTo(stalled.sessions().size());
        for (Node node : List.of(sbA, nsA, nsB)) {
            assertThat(node.process.isAlive()).as(node.name + " alive").isTrue();
        }
        long heldOnSbA = flows.stream().mapToLong(f -> (f.publisher == sbA ? 1 : 0) + (f.subscriber == sbA ? 1 : 0))
                .sum() + 1;
        await().atMost(SETTLE).until(() -> monitor.json("/varz").map.get("connections").i == heldOnSbA);
    }

    /** Waits a while for the last numbers to come; what does not come is counted as lost. */
    private static void settle(Callable<Boolean> arrived) {
        try {
            await().atMost(SETTLE).until(arrived);
        } catch (ConditionTimeoutException stillMissing) {
            System.out.println("Not all numbers arrived within " + SETTLE.toSeconds() + " s after the chaos");
        }
    }

    /** Kills {@code victim}, starts it again on its ports, and returns once every flow through it delivers again. */
    private void killAndRestart(Node victim, List<Flow> flows, List<String> events) throws Exception {
        List<Flow> touched = flows.stream().filter(f -> f.publisher == victim || f.subscriber == victim).toList();
        List<Long> before = touched.stream().map(f -> f.traffic.arrivals().highest()).toList();
        victim.process.close();
        victim.start();
        events.add(victim.name + " killed and restarted");
        for (int i = 0; i < touched.size(); i++) {
            Flow flow = touched.get(i);
            long publishedWhenUp = flow.traffic.published();
            await().atMost(SETTLE).until(() -> flow.traffic.arrivals().highest() >= publishedWhenUp);
            flow.windows.add(new NumberedArrivals.Range(before.get(i) + 1, flow.traffic.arrivals().highest()));
        }
    }

    /** Returns once every flow has delivered {@link #PROGRESS} more numbers: the cluster carries traffic again. */
    private static void awaitProgress(List<Flow> flows) {
        for (Flow flow : flows) {
            long from = flow.traffic.arrivals().highest();
            await().atMost(SETTLE).until(() -> flow.traffic.arrivals().highest() >= from + PROGRESS);
        }
    }

    /** Whether {@code sb-a} has its outbound gateway to cluster {@code b} and the inbound one from it. */
    private static boolean gatewaysUp(MonitorClient monitor) throws Exception {
        var gatewayz = monitor.json("/gatewayz").map;
        return gatewayz.get("outbound_gateways").map.containsKey("b") && gatewayz.get("inbound_gateways").map.containsKey("b");
    }

    private static long slowConsumers(MonitorClient monitor) throws Exception {
        return monitor.json("/varz").map.get("slow_consumers").i;
    }

    private static boolean newCut(MonitorClient monitor, AtomicLong counted) {
        try {
            long now = slowConsumers(monitor);
            if (now > counted.get()) {
                counted.incrementAndGet();
                return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    // ---- the cluster ----

    private String clusterA(Node node, Node seed, Node gatewayPeer) {
        return """
                cluster { name: a, listen: "127.0.0.1:%d", routes: [ %s ] }
                gateway { name: a, listen: "127.0.0.1:%d", gateways: [ %s ] }
                """.formatted(node.route, seed == null ? "" : "\"nats://127.0.0.1:" + seed.route + "\"",
                node.gateway, gatewayTo("b", gatewayPeer));
    }

    private static String gatewayTo(String name, Node node) {
        return "{ name: %s, url: \"nats://127.0.0.1:%d\" }".formatted(name, node.gateway);
    }

    /** A server on fixed loopback ports, so that it comes back where its clients and peers look for it. */
    private final class Node {
        final String name;
        final Path switchboardHome;
        final int client;
        final int route;
        final int gateway;
        Path config;
        ServerProcess process;

        /** {@code switchboardHome} null for nats-server. */
        Node(String name, Path switchboardHome) throws IOException {
            this.name = name;
            this.switchboardHome = switchboardHome;
            client = freePort();
            route = freePort();
            gateway = freePort();
        }

        void configure(String text) throws IOException {
            config = Files.writeString(dir.resolve(name + ".conf"), text);
        }

        void start() throws IOException {
            String[] flags = {"-c", config.toString(), "-n", name, "-p", String.valueOf(client), "-m", "-1"};
            process = switchboardHome == null ? ServerProcess.startNatsServer(flags)
                    : ServerProcess.startIn(switchboardHome, flags);
            resources.add(process);
        }

        Options.Builder client() {
            return new Options.Builder().server("nats://127.0.0.1:" + client).ignoreDiscoveredServers().noRandomize()
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).connectionTimeout(Duration.ofSeconds(2));
        }
    }

    // ---- the flows ----

    /** Numbered messages from a publisher on one node to a subscriber on another, and the windows a kill opened. */
    static final class Flow {
        final String name;
        final Node publisher;
        final Node subscriber;
        final NumberedTraffic traffic;
        final List<NumberedArrivals.Range> windows = new ArrayList<>();
        long published;

        Flow(String name, Node publisher, Node subscriber, NumberedTraffic traffic) {
            this.name = name;
            this.publisher = publisher;
            this.subscriber = subscriber;
            this.traffic = traffic;
        }
    }

    private Flow flow(String name, String subject, int payloadSize, Node publisher, Node subscriber) throws Exception {
        NumberedTraffic traffic = keep(new NumberedTraffic(subject, payloadSize, publisher.client(), subscriber.client()));
        return new Flow(name, publisher, subscriber, traffic);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }
}
