package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.assertTlsTrafficBothWays;
import static io.switchboard.it.LinkChecks.awaitInterest;
import static io.switchboard.it.LinkChecks.bytes;
import static io.switchboard.it.LinkChecks.freePort;
import static io.switchboard.it.LinkChecks.respond;
import static io.switchboard.it.LinkChecks.text;
import static org.awaitility.Awaitility.await;

/**
 * Mixed clusters of Switchboard and Debian's nats-server, started here on free loopback ports,
 * with nats.java clients on every server. A message must reach every matching subscription in
 * the cluster exactly once and each queue group exactly once.
 *
 * <p>Absence and completeness are proven with barriers, never by waiting: a route delivers what
 * one server sends another in order, so a barrier message published after a batch reaches a
 * subscriber after everything of that batch that was meant for it.
 */
class ClusterIT {

    private static final String CLUSTER = "it";

    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Connection connection : connections) {
            connection.close();
        }
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    @Test
    void switchboardAndNatsServerCarryTrafficBothWays() throws Exception {
        ServerProcess seed = switchboard("sb", freePort());
        ServerProcess peer = natsServer("ns", freePort(), seed.routePort());
        Connection sb = connect(seed);
        Connection ns = connect(peer);

        Subscription onNs = ns.subscribe("mixed.>");
        awaitInterest(ns, sb);
        Subscription onSb = sb.subscribe("mixed.>");
        awaitInterest(sb, ns);

        Headers headers = new Headers().add("Trace-Id", "t-1").add("Multi", "a", "b");
        sb.publish(NatsMessage.builder().subject("mixed.headers").headers(headers)
                .data("from switchboard", StandardCharsets.UTF_8).build());
        sb.publish("mixed.plain", "mixed.reply", bytes("plain from switchboard"));
        sb.publish("mixed.end.sb", bytes(""));
        ns.publish("mixed.fromnats", bytes("from nats-server"));
        ns.publish("mixed.end.ns", bytes(""));

        for (Subscription sub : List.of(onNs, onSb)) {
            Map<String, Message> got = receiveUntilEnds(sub, Set.of("mixed.end.sb", "mixed.end.ns"));
            assertThat(got.keySet()).containsExactlyInAnyOrder("mixed.headers", "mixed.plain", "mixed.fromnats",
                    "mixed.end.sb", "mixed.end.ns");
            Message withHeaders = got.get("mixed.headers");
            assertThat(text(withHeaders)).isEqualTo("from switchboard");
            assertThat(withHeaders.getHeaders().getFirst("Trace-Id")).isEqualTo("t-1");
            assertThat(withHeaders.getHeaders().get("Multi")).containsExactly("a", "b");
            assertThat(got.get("mixed.plain").getReplyTo()).isEqualTo("mixed.reply");
            assertThat(text(got.get("mixed.fromnats"))).isEqualTo("from nats-server");
        }

        respond(ns, "svc.nats", "answered by nats-server");
        respond(sb, "svc.switchboard", "answered by switchboard");
        awaitInterest(ns, sb);
        awaitInterest(sb, ns);
        Headers requestHeaders = new Headers().add("Asked-By", "switchboard client");
        Message fromNats = sb.request("svc.nats", requestHeaders, bytes("question"), WAIT);
        assertThat(text(fromNats)).isEqualTo("answered by nats-server: question");
        assertThat(fromNats.getHeaders().getFirst("Asked-By")).isEqualTo("switchboard client");
        assertThat(text(ns.request("svc.switchboard", bytes("question"), WAIT)))
                .isEqualTo("answered by switchboard: question");
    }

    @Test
    void queueGroupsSpreadAcrossTheClusterTakeEachMessageOnce() throws Exception {
        ServerProcess seed = switchboard("sb1", freePort());
        ServerProcess nats = natsServer("ns", freePort(), seed.routePort());
        ServerProcess second = switchboard("sb2", freePort(), seed.routePort());
        List<ServerProcess> all = List.of(seed, nats, second);
        awaitFullMesh(all);

        int perPublisher = 200;
        Map<String, List<String>> queued = new ConcurrentHashMap<>();
        Map<String, List<String>> plain = new ConcurrentHashMap<>();
        List<Receiver> receivers = new ArrayList<>();
        for (ServerProcess server : all) {
            for (int m = 0; m < 2; m++) {
                receivers.add(new Receiver(connect(server), "jobs.*", "workers", queued, server.port() + "/" + m));
            }
            receivers.add(new Receiver(connect(server), "jobs.*", null, plain, server.port() + "/plain"));
        }
        List<Connection> publishers = new ArrayList<>();
        for (ServerProcess server : all) {
            publishers.add(connect(server));
        }
        for (Receiver receiver : receivers) {
            for (Connection publisher : publishers) {
                awaitInterest(receiver.connection, publisher);
            }
        }

        for (int p = 0; p < publishers.size(); p++) {
            Connection publisher = publishers.get(p);
            for (int i = 0; i < perPublisher; i++) {
                publisher.publish("jobs.p" + p, bytes("p" + p + "-" + i));
            }
            publisher.publish("barrier", bytes("p" + p));
        }
        for (Receiver receiver : receivers) {
            await().atMost(SETTLE).until(() -> receiver.barriers.size() == publishers.size());
        }

        int total = perPublisher * publishers.size();
        List<String> queueDeliveries = queued.values().stream().flatMap(List::stream).toList();
        assertThat(queueDeliveries).hasSize(total).doesNotHaveDuplicates();
        for (ServerProcess server : all) {
            long takenHere = queued.entrySet().stream().filter(e -> e.getKey().startsWith(server.port() + "/"))
                    .mapToLong(e -> e.getValue().size()).sum();
            assertThat(takenHere).as("queue members on port %d", server.port()).isPositive();
        }
        assertThat(plain).hasSize(all.size());
        for (List<String> got : plain.values()) {
            assertThat(got).hasSize(total).doesNotHaveDuplicates();
        }
    }

    @Test
    void threeServersFormAMeshFromOneSeedRouteAndTellClientsAboutEachOther() throws Exception {
        ServerProcess seed = switchboard("seed", freePort());
        Connection early = connect(seed);
        ServerProcess nats = natsServer("ns", freePort(), seed.routePort());
        ServerProcess second = switchboard("sb2", freePort(), seed.routePort());

        await().atMost(SETTLE).untilAsserted(() -> assertThat(early.getServers())
                .contains(clientUrl(seed), clientUrl(nats), clientUrl(second)));
        Connection onSecond = connect(second);
        await().atMost(SETTLE).untilAsserted(() -> assertThat(onSecond.getServers())
                .contains(clientUrl(seed), clientUrl(nats), clientUrl(second)));

        // a server delivers what a route brings to its own clients only, so this crosses the
        // gossiped route between nats-server and the second Switchboard directly
        Connection onNats = connect(nats);
        Subscription sub = onSecond.subscribe("mesh.direct");
        awaitInterest(onSecond, onNats);
        onNats.publish("mesh.direct", bytes("over the gossiped route"));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(text(m)).isEqualTo("over the gossiped route");
        assertThat(second.log()).anyMatch(line -> line.contains("Route connection created"));
    }

    @Test
    void routesComeBackWhenAPeerIsKilledAndRestarted() throws Exception {
        int natsRoutes = freePort();
        ServerProcess nats = natsServer("ns", natsRoutes);
        int switchboardRoutes = freePort();
        ServerProcess switchboard = switchboard("sb", switchboardRoutes, natsRoutes);
        Connection sb = connect(switchboard);
        Subscription onSb = sb.subscribe("restart.>");
        awaitInterest(sb, connect(nats));

        nats.close();
        ServerProcess natsAgain = natsServer("ns", natsRoutes);
        Connection ns = connect(natsAgain);
        // the Switchboard side reconnects and announces its subscription to the new process
        awaitInterest(sb, ns);
        ns.publish("restart.after.nats", bytes("nats-server is back"));
        assertThat(text(onSb.nextMessage(WAIT))).isEqualTo("nats-server is back");

        Subscription onNs = ns.subscribe("restart.>");
        switchboard.close();
        ServerProcess switchboardAgain = switchboard("sb", switchboardRoutes, natsRoutes);
        Connection sbAgain = connect(switchboardAgain);
        // nats-server announces its subscription to the new Switchboard process
        awaitInterest(ns, sbAgain);
        sbAgain.publish("restart.after.switchboard", bytes("switchboard is back"));
        assertThat(text(onNs.nextMessage(WAIT))).isEqualTo("switchboard is back");
    }

    @Test
    void routeAuthorizationAndExportPermissions(@TempDir Path dir) throws Exception {
        int routes = freePort();
        Path conf = dir.resolve("cluster.conf");
        Files.writeString(conf, """
                cluster {
                  name: %s
                  listen: 127.0.0.1:%d
                  authorization { user: route, password: "s3cret", timeout: 2 }
                  permissions { export: { deny: "secret.>" } }
                }
                """.formatted(CLUSTER, routes));
        ServerProcess switchboard = start(ServerProcess.start("-c", conf.toString(), "-n", "sb"));
        ServerProcess intruder = natsServer("intruder", freePort(), "nats://route:wrong@127.0.0.1:" + routes);
        await().atMost(SETTLE).until(() -> switchboard.logContains("Authorization Error"));
        intruder.close();

        ServerProcess nats = natsServer("ns", freePort(), "nats://route:s3cret@127.0.0.1:" + routes);
        Connection ns = connect(nats);
        Connection sb = connect(switchboard);
        List<String> received = new CopyOnWriteArrayList<>();
        Dispatcher dispatcher = ns.createDispatcher(msg -> received.add(msg.getSubject()));
        dispatcher.subscribe("secret.plans");
        dispatcher.subscribe("public.news");
        awaitInterest(ns, sb);
        sb.publish("secret.plans", bytes("must stay here"));
        sb.publish("public.news", bytes("may go"));
        await().atMost(SETTLE).until(() -> received.contains("public.news"));
        assertThat(received).containsExactly("public.news");
    }

    @Test
    void routesOverMutualTlsWithNatsServerBothWays(@TempDir Path dir) throws Exception {
        Path tls = Path.of(ClusterIT.class.getResource("/tls/ca.pem").toURI()).getParent();
        int sbRoutes = freePort();
        int nsRoutes = freePort();
        String block = """
                cluster {
                  name: %s
                  listen: 127.0.0.1:%d
                  routes: [ "nats://127.0.0.1:%d" ]
                  tls { cert_file: "%s", key_file: "%s", ca_file: "%s", timeout: 2 }
                }
                """;
        Path sbConf = dir.resolve("sb.conf");
        Path nsConf = dir.resolve("ns.conf");
        Files.writeString(sbConf, block.formatted(CLUSTER, sbRoutes, nsRoutes, tls.resolve("server-cert.pem"),
                tls.resolve("server-key.pem"), tls.resolve("ca.pem")));
        Files.writeString(nsConf, block.formatted(CLUSTER, nsRoutes, sbRoutes, tls.resolve("server-cert.pem"),
                tls.resolve("server-key.pem"), tls.resolve("ca.pem")));
        ServerProcess switchboard = start(ServerProcess.start("-c", sbConf.toString(), "-n", "sb"));
        ServerProcess nats = start(ServerProcess.startNatsServer("-c", nsConf.toString(), "-n", "ns"));
        assertTlsTrafficBothWays(connect(switchboard), connect(nats), nats);
    }

    @Test
    void aStalledRouteIsCutWithoutHoldingUpPublishers(@TempDir Path dir) throws Exception {
        int routes = freePort();
        Path conf = dir.resolve("slow.conf");
        Files.writeString(conf, """
                max_pending: 2MB
                write_deadline: "60s"
                cluster { name: %s, listen: 127.0.0.1:%d }
                """.formatted(CLUSTER, routes));
        ServerProcess switchboard = start(ServerProcess.start("-c", conf.toString(), "-n", "sb"));
        try (Socket stalled = stalledRoute(switchboard.routePort())) {
            Connection healthy = connect(switchboard);
            Connection publisher = connect(switchboard);
            Subscription sub = healthy.subscribe("firehose");
            healthy.flush(WAIT);
            byte[] payload = new byte[1024];
            for (int batch = 0; batch < 40; batch++) {
                for (int i = 0; i < 500; i++) {
                    publisher.publish("firehose", payload);
                }
                publisher.flush(WAIT);
                for (int i = 0; i < 500; i++) {
                    assertThat(sub.nextMessage(WAIT)).as("message %d", batch * 500 + i).isNotNull();
                }
            }
            await().atMost(SETTLE).until(() -> switchboard.logContains(
                    "Slow Consumer Detected: MaxPending of 2097152 Exceeded"));
            await().atMost(SETTLE).until(() -> switchboard.logContains(
                    "Router connection closed: Slow Consumer (Pending Bytes)"));
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    /** A peer that introduces itself as a route, subscribes, and then never reads again. */
    private static Socket stalledRoute(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("CONNECT {\"name\":\"STALLED\",\"cluster\":\"" + CLUSTER + "\"}\r\n"
                + "INFO {\"server_id\":\"STALLED\",\"server_name\":\"stalled\",\"cluster\":\"" + CLUSTER
                + "\",\"port\":1}\r\nRS+ $G firehose\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("PONG\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before PONG: " + seen);
            }
            seen.append((char) b);
        }
        return socket;
    }

    // ---- the servers ----

    private ServerProcess switchboard(String name, int routePort, int... seeds) throws IOException {
        return start(ServerProcess.start(clusterFlags(name, routePort, routes(seeds))));
    }

    private ServerProcess natsServer(String name, int routePort, int... seeds) throws IOException {
        return natsServer(name, routePort, routes(seeds));
    }

    private ServerProcess natsServer(String name, int routePort, String routes) throws IOException {
        return start(ServerProcess.startNatsServer(clusterFlags(name, routePort, routes)));
    }

    private ServerProcess start(ServerProcess server) {
        servers.add(server);
        return server;
    }

    private static String[] clusterFlags(String name, int routePort, String routes) {
        List<String> flags = new ArrayList<>(List.of("-n", name, "--cluster_name", CLUSTER,
                "--cluster", "nats://127.0.0.1:" + routePort));
        if (!routes.isEmpty()) {
            flags.addAll(List.of("--routes", routes));
        }
        return flags.toArray(String[]::new);
    }

    private static String routes(int... ports) {
        List<String> urls = new ArrayList<>();
        for (int port : ports) {
            urls.add("nats://127.0.0.1:" + port);
        }
        return String.join(",", urls);
    }

    private static String clientUrl(ServerProcess server) {
        return "nats://127.0.0.1:" + server.port();
    }

    /** Every server routes to every other: a client of each reaches a subscriber on each directly. */
    private void awaitFullMesh(List<ServerProcess> mesh) throws Exception {
        for (ServerProcess from : mesh) {
            for (ServerProcess to : mesh) {
                if (from != to) {
                    awaitInterest(connect(to), connect(from));
                }
            }
        }
    }

    // ---- clients ----

    private Connection connect(ServerProcess server) throws IOException, InterruptedException {
        Connection connection = Nats.connect(Options.builder().server(server.url()).maxReconnects(0).build());
        connections.add(connection);
        return connection;
    }

    /** Messages by subject until every end subject was seen; a subject seen twice fails. */
    private static Map<String, Message> receiveUntilEnds(Subscription sub, Set<String> ends) throws InterruptedException {
        Map<String, Message> got = new HashMap<>();
        Set<String> endsSeen = new HashSet<>();
        while (!endsSeen.containsAll(ends)) {
            Message m = sub.nextMessage(WAIT);
            assertThat(m).as("message on %s after %s", sub.getSubject(), got.keySet()).isNotNull();
            assertThat(got.put(m.getSubject(), m)).as("%s delivered twice", m.getSubject()).isNull();
            if (ends.contains(m.getSubject())) {
                endsSeen.add(m.getSubject());
            }
        }
        return got;
    }

    /**
     * A subscriber that records what it gets under its name, and the barriers of the publishers
     * (published on {@code barrier} after their batch).
     */
    private static final class Receiver {
        final Connection connection;
        final Set<String> barriers = ConcurrentHashMap.newKeySet();

        Receiver(Connection connection, String subject, String queue, Map<String, List<String>> record, String name) {
            this.connection = connection;
            List<String> mine = Collections.synchronizedList(new ArrayList<>());
            record.put(name, mine);
            Dispatcher dispatcher = connection.createDispatcher(msg -> {
                if (msg.getSubject().equals("barrier")) {
                    barriers.add(text(msg));
                } else {
                    mine.add(text(msg));
                }
            });
            if (queue == null) {
                dispatcher.subscribe(subject);
            } else {
                dispatcher.subscribe(subject, queue);
            }
            dispatcher.subscribe("barrier");
        }
    }
}
