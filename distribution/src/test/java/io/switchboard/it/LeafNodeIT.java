package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JwtUtils.UserClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.awaitInterest;
import static io.switchboard.it.LinkChecks.bytes;
import static io.switchboard.it.LinkChecks.freePort;
import static io.switchboard.it.LinkChecks.publishBatch;
import static io.switchboard.it.LinkChecks.respond;
import static io.switchboard.it.LinkChecks.text;
import static io.switchboard.it.TrustChain.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaf nodes between Switchboard and Debian's nats-server, both ways, with nats.java clients on
 * both sides: Switchboard as a leaf of a nats-server hub (user and password, and a hub in operator
 * mode with a credentials file), a Switchboard cluster as the hub of nats-server leaves, a loop,
 * protocol errors side by side with nats-server, and the leaf node bundle updated while traffic
 * flows.
 *
 * <p>Absence is proven with barriers, never by waiting: what one server sends over one path
 * arrives in order, so a barrier published after a message reaches a subscriber after it.
 */
class LeafNodeIT {

    @TempDir
    Path dir;

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
    void aSwitchboardLeafOfANatsServerHubCarriesMessagesRequestsAndQueuesAndComesBackAfterTheHubRestarts()
            throws Exception {
        int hubClients = freePort();
        int hubLeafPort = freePort();
        String hubConfig = """
                leafnodes { listen: 127.0.0.1:%d, authorization { user: leaf, password: s3cret } }
                """.formatted(hubLeafPort);
        ServerProcess hub = natsServer(hubConfig, "-p", String.valueOf(hubClients));
        ServerProcess leaf = switchboard("""
                leafnodes { remotes: [ { url: "nats-leaf://leaf:s3cret@127.0.0.1:%d",
                                         deny_imports: "secret.in", deny_exports: ["secret.out"] } ] }
                """.formatted(hubLeafPort), "-m", "-1");
        Connection onHub = connect(hub, true);
        Connection onLeaf = connect(leaf, false);

        Subscription atHub = onHub.subscribe("to.hub");
        Subscription atLeaf = onLeaf.subscribe("to.leaf");
        awaitInterest(onHub, onLeaf);
        awaitInterest(onLeaf, onHub);
        Headers headers = new Headers().add("Trace-Id", "t-1");
        onLeaf.publish(NatsMessage.builder().subject("to.hub").headers(headers).data("up", StandardCharsets.UTF_8).build());
        onHub.publish("to.leaf", bytes("down"));
        Message up = atHub.nextMessage(WAIT);
        assertThat(text(up)).isEqualTo("up");
        assertThat(up.getHeaders().getFirst("Trace-Id")).isEqualTo("t-1");
        assertThat(text(atLeaf.nextMessage(WAIT))).isEqualTo("down");

        respond(onHub, "service.hub", "hub");
        respond(onLeaf, "service.leaf", "leaf");
        awaitInterest(onHub, onLeaf);
        awaitInterest(onLeaf, onHub);
        assertThat(text(onLeaf.request("service.hub", bytes("ping"), WAIT))).isEqualTo("hub: ping");
        assertThat(text(onHub.request("service.leaf", bytes("pong"), WAIT))).isEqualTo("leaf: pong");

        Receiver hubMember = new Receiver(onHub, "work", "workers");
        Receiver leafMember = new Receiver(onLeaf, "work", "workers");
        awaitInterest(onHub, onLeaf);
        awaitInterest(onLeaf, onHub);
        publishBatch(onLeaf, "from-leaf", 20);
        publishBatch(onHub, "from-hub", 20);
        hubMember.awaitBarriers("from-leaf", "from-hub");
        leafMember.awaitBarriers("from-leaf", "from-hub");
        assertThat(leafMember.received).as("the leaf's own member takes what the leaf publishes")
                .hasSize(20).allMatch(m -> m.startsWith("from-leaf"));
        assertThat(hubMember.received).hasSize(20).allMatch(m -> m.startsWith("from-hub"));
        leafMember.leave();
        hubMember.received.clear();
        await().atMost(SETTLE).untilAsserted(() -> {
            onLeaf.publish("work", bytes("failover"));
            onLeaf.flush(WAIT);
            assertThat(hubMember.received).as("the hub's member once the leaf has none").isNotEmpty();
        });

        Receiver deniedAtLeaf = new Receiver(onLeaf, "secret.in", null);
        Receiver deniedAtHub = new Receiver(onHub, "secret.out", null);
        awaitInterest(onLeaf, onHub);
        awaitInterest(onHub, onLeaf);
        onHub.publish("secret.in", bytes("not imported"));
        publishBatch(onHub, "after-secret-in", 0);
        onLeaf.publish("secret.out", bytes("not exported"));
        publishBatch(onLeaf, "after-secret-out", 0);
        deniedAtLeaf.awaitBarriers("after-secret-in");
        deniedAtHub.awaitBarriers("after-secret-out");
        assertThat(deniedAtLeaf.received).as("deny_imports").isEmpty();
        assertThat(deniedAtHub.received).as("deny_exports").isEmpty();

        MonitorClient monitor = new MonitorClient(leaf.monitorPort());
        assertThat(monitor.json("/varz").map.get("leafnodes").i).isEqualTo(1);

        try (NumberedTraffic local = new NumberedTraffic(Options.builder().server(leaf.url()).maxReconnects(0))) {
            await().atMost(WAIT).until(() -> local.published() > 500);
            hub.close();
            await().atMost(WAIT).until(() -> leaf.logContains("Error trying to connect as leafnode to remote server"));
            ServerProcess again = natsServer(hubConfig, "-p", String.valueOf(hubClients));
            await().atMost(SETTLE).until(() -> again.log().stream().filter(l -> l.contains("Leafnode connection created"))
                    .count() == 1);
            awaitInterest(onLeaf, onHub);
            awaitInterest(onHub, onLeaf);
            onHub.publish("to.leaf", bytes("after the restart"));
            assertThat(text(atLeaf.nextMessage(WAIT))).isEqualTo("after the restart");
            long before = local.published();
            await().atMost(WAIT).until(() -> local.published() > before + 500);
            local.stopAndVerify();
        }
        assertThat(monitor.json("/varz").map.get("leafnodes").i).isEqualTo(1);
    }

    @Test
    void aSwitchboardLeafClusterAnswersRequestsAcrossAndDeliversItsOwnMessagesOnce() throws Exception {
        int hubLeafPort = freePort();
        int route1 = freePort();
        int route2 = freePort();
        ServerProcess hub = natsServer("leafnodes { listen: 127.0.0.1:%d }\n".formatted(hubLeafPort));
        String remote = "leafnodes { remotes: [ { url: \"nats-leaf://127.0.0.1:%d\" } ] }".formatted(hubLeafPort);
        ServerProcess edge1 = switchboard("""
                cluster { name: edge, listen: 127.0.0.1:%d, no_advertise: true }
                %s
                """.formatted(route1, remote));
        ServerProcess edge2 = switchboard("""
                cluster { name: edge, listen: 127.0.0.1:%d, routes: [ "nats://127.0.0.1:%d" ], no_advertise: true }
                %s
                """.formatted(route2, route1, remote));
        Connection onHub = connect(hub, false);
        Connection onEdge1 = connect(edge1, false);
        Connection onEdge2 = connect(edge2, false);

        respond(onHub, "hub.service", "hub");
        respond(onEdge1, "edge.service", "edge1");
        awaitInterest(onHub, onEdge2);
        awaitInterest(onEdge1, onHub);
        awaitInterest(onEdge1, onEdge2);
        assertThat(text(onEdge2.request("hub.service", bytes("from edge2"), WAIT))).isEqualTo("hub: from edge2");
        assertThat(text(onHub.request("edge.service", bytes("from the hub"), WAIT))).isEqualTo("edge1: from the hub");
        assertThat(text(onEdge2.request("edge.service", bytes("next door"), WAIT))).isEqualTo("edge1: next door");

        Receiver inEdge = new Receiver(onEdge1, "edge.once", null);
        Receiver atHub = new Receiver(onHub, "edge.once", null);
        awaitInterest(onEdge1, onEdge2);
        awaitInterest(onHub, onEdge2);
        onEdge2.publish("edge.once", bytes("one"));
        publishBatch(onEdge2, "after-one", 0);
        inEdge.awaitBarriers("after-one");
        atHub.awaitBarriers("after-one");
        assertThat(inEdge.received).as("over the route only, not again through the hub").containsExactly("one");
        assertThat(atHub.received).containsExactly("one");
    }

    @Test
    void natsServerLeavesOfASwitchboardClusterReachEachOtherThroughTheHubsRoutes() throws Exception {
        int route1 = freePort();
        int route2 = freePort();
        int leafPort1 = freePort();
        int leafPort2 = freePort();
        String leafAuth = "authorization { users: [ { user: edge, password: s3cret } ], timeout: 2 }";
        ServerProcess sb1 = switchboard("""
                cluster { name: hub, listen: 127.0.0.1:%d, routes: [ "nats://127.0.0.1:%d" ] }
                leafnodes { listen: 127.0.0.1:%d, %s }
                """.formatted(route1, route2, leafPort1, leafAuth));
        ServerProcess sb2 = switchboard("""
                cluster { name: hub, listen: 127.0.0.1:%d, routes: [ "nats://127.0.0.1:%d" ] }
                leafnodes { listen: 127.0.0.1:%d, %s }
                """.formatted(route2, route1, leafPort2, leafAuth));
        ServerProcess leaf1 = natsServer(remoteOf("edge:s3cret", leafPort1));
        ServerProcess leaf2 = natsServer(remoteOf("edge:s3cret", leafPort2));
        ServerProcess refused = natsServer(remoteOf("edge:wrong", leafPort1));
        Connection onLeaf1 = connect(leaf1, false);
        Connection onLeaf2 = connect(leaf2, false);
        Connection onSb1 = connect(sb1, false);
        Connection onSb2 = connect(sb2, false);

        Subscription atLeaf1 = onLeaf1.subscribe("edge.news");
        awaitInterest(onLeaf1, onLeaf2);
        onLeaf2.publish("edge.news", bytes("leaf to leaf over two hubs"));
        assertThat(text(atLeaf1.nextMessage(WAIT))).isEqualTo("leaf to leaf over two hubs");

        respond(onLeaf1, "edge.service", "leaf1");
        awaitInterest(onLeaf1, onLeaf2);
        awaitInterest(onLeaf1, onSb2);
        assertThat(text(onLeaf2.request("edge.service", bytes("hi"), WAIT))).isEqualTo("leaf1: hi");
        assertThat(text(onSb2.request("edge.service", bytes("hello"), WAIT))).isEqualTo("leaf1: hello");

        Receiver hubMember = new Receiver(onSb1, "work", "workers");
        Receiver leafMember = new Receiver(onLeaf1, "work", "workers");
        awaitInterest(onSb1, onSb2);
        awaitInterest(onLeaf1, onSb2);
        publishBatch(onSb2, "from-hub", 20);
        hubMember.awaitBarriers("from-hub");
        leafMember.awaitBarriers("from-hub");
        assertThat(hubMember.received).as("the hub cluster's member before the leaf's").hasSize(20);
        assertThat(leafMember.received).isEmpty();

        await().atMost(SETTLE).until(() -> refused.logContains("Authorization Violation"));
        assertThat(sb1.log()).anyMatch(l -> l.contains("Authorization Error"))
                .anyMatch(l -> l.contains("Leafnode connection closed: Authentication Failure"));
        assertThat(onLeaf1.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void aLeafWithACredentialsFileJoinsAHubInOperatorMode() throws Exception {
        SecureRandom random = new SecureRandom();
        NKey operator = NKey.createOperator(random);
        NKey account = NKey.createAccount(random);
        NKey system = NKey.createAccount(random);
        NKey user = NKey.createUser(random);
        long now = JwtUtils.currentTimeSeconds();
        int hubLeafPort = freePort();
        Path creds = dir.resolve("leaf.creds");
        Files.writeString(creds, String.format(JwtUtils.NATS_USER_JWT_FORMAT,
                JwtUtils.issueUserJWT(account, pub(user), null, null, now, new UserClaim(pub(account))),
                new String(user.getSeed())));
        ServerProcess hub = natsServer(TrustChain.config(TrustChain.operatorJwt(operator, now), pub(system),
                pub(account) + ": " + TrustChain.accountJwt(operator, account, now, TrustChain.NO_LIMITS),
                pub(system) + ": " + TrustChain.accountJwt(operator, system, now, TrustChain.NO_LIMITS))
                + "leafnodes { listen: 127.0.0.1:%d }\n".formatted(hubLeafPort));
        ServerProcess leaf = switchboard("""
                leafnodes { remotes: [ { url: "nats-leaf://127.0.0.1:%d", credentials: "%s" } ] }
                """.formatted(hubLeafPort, creds));
        Connection onHub = track(Nats.connect(Options.builder().server(hub.url()).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build()));
        Connection onLeaf = connect(leaf, false);

        Subscription atLeaf = onLeaf.subscribe("signed.down");
        Subscription atHub = onHub.subscribe("signed.up");
        awaitInterest(onLeaf, onHub);
        awaitInterest(onHub, onLeaf);
        onHub.publish("signed.down", bytes("to the leaf"));
        onLeaf.publish("signed.up", bytes("to the hub"));
        assertThat(text(atLeaf.nextMessage(WAIT))).isEqualTo("to the leaf");
        assertThat(text(atHub.nextMessage(WAIT))).isEqualTo("to the hub");
    }

    @Test
    void leafConnectionsOverTlsWithNatsServerBothWays() throws Exception {
        String certificates = certificates();
        int nsHubPort = freePort();
        int sbHubPort = freePort();
        ServerProcess natsHub = natsServer("leafnodes { listen: 127.0.0.1:%d, tls { %s, timeout: 2 } }\n"
                .formatted(nsHubPort, certificates));
        ServerProcess sbLeaf = switchboard("""
                leafnodes { remotes: [ { url: "tls://127.0.0.1:%d", tls { %s } } ] }
                """.formatted(nsHubPort, certificates));
        LinkChecks.assertTlsTrafficBothWays(connect(sbLeaf, false), connect(natsHub, false), natsHub);

        ServerProcess sbHub = switchboard("leafnodes { listen: 127.0.0.1:%d, tls { %s } }\n"
                .formatted(sbHubPort, certificates));
        ServerProcess natsLeaf = natsServer("""
                leafnodes { remotes: [ { url: "tls://127.0.0.1:%d", tls { ca_file: "%s" } } ] }
                """.formatted(sbHubPort, tlsFile("ca.pem")));
        LinkChecks.assertTlsTrafficBothWays(connect(sbHub, false), connect(natsLeaf, false), natsLeaf);
    }

    @Test
    void leafConnectionsOverSecureWebSocketWithNatsServerBothWays() throws Exception {
        String certificates = certificates();
        int nsWsPort = freePort();
        int sbWsPort = freePort();
        ServerProcess natsHub = natsServer("""
                websocket { listen: 127.0.0.1:%d, tls { %s } }
                leafnodes { listen: 127.0.0.1:-1 }
                """.formatted(nsWsPort, certificates));
        ServerProcess sbLeaf = switchboard("""
                leafnodes { remotes: [ { url: "wss://127.0.0.1:%d", tls { %s } } ] }
                """.formatted(nsWsPort, certificates));
        LinkChecks.assertTlsTrafficBothWays(connect(sbLeaf, false), connect(natsHub, false), natsHub);

        ServerProcess sbHub = switchboard("""
                websocket { listen: 127.0.0.1:%d, tls { %s } }
                leafnodes { listen: 127.0.0.1:-1 }
                """.formatted(sbWsPort, certificates));
        assertThat(sbHub.websocketPort()).isEqualTo(sbWsPort);
        ServerProcess natsLeaf = natsServer("""
                leafnodes { remotes: [ { url: "wss://127.0.0.1:%d", tls { ca_file: "%s" } } ] }
                """.formatted(sbWsPort, tlsFile("ca.pem")));
        LinkChecks.assertTlsTrafficBothWays(connect(sbHub, false), connect(natsLeaf, false), natsLeaf);
    }

    /** The test certificates, as a {@code tls} block's settings. */
    private static String certificates() throws Exception {
        return "cert_file: \"%s\", key_file: \"%s\", ca_file: \"%s\"".formatted(
                tlsFile("server-cert.pem"), tlsFile("server-key.pem"), tlsFile("ca.pem"));
    }

    private static Path tlsFile(String name) throws Exception {
        return Path.of(LeafNodeIT.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void switchboardLeavesReachANatsServerHubOverWebSocketWithAndWithoutCompression() throws Exception {
        int wsPort = freePort();
        ServerProcess hub = natsServer("""
                websocket { listen: 127.0.0.1:%d, no_tls: true, compression: true }
                leafnodes { listen: 127.0.0.1:-1, authorization { user: leaf, password: s3cret } }
                """.formatted(wsPort), "-D");
        ServerProcess compressed = switchboard("""
                leafnodes { remotes: [ { url: "ws://leaf:s3cret@127.0.0.1:%d", ws_compression: true } ] }
                """.formatted(wsPort));
        ServerProcess plain = switchboard("""
                leafnodes { remotes: [ { url: "ws://leaf:s3cret@127.0.0.1:%d" } ] }
                """.formatted(wsPort));
        Connection onHub = connect(hub, false);
        LinkChecks.assertTrafficBothWays(connect(compressed, false), onHub, "ws.compressed");
        LinkChecks.assertTrafficBothWays(connect(plain, false), onHub, "ws.plain");
        assertThat(hub.log()).anyMatch(l -> l.contains("Leafnode compression=true"))
                .anyMatch(l -> l.contains("Leafnode compression=false"));
    }

    @Test
    void natsServerLeavesReachTheSwitchboardWebSocketPortWithAndWithoutCompression() throws Exception {
        int wsPort = freePort();
        ServerProcess hub = switchboard("""
                websocket { listen: 127.0.0.1:%d, no_tls: true, compression: true }
                leafnodes { listen: 127.0.0.1:-1 }
                """.formatted(wsPort));
        assertThat(hub.websocketPort()).isEqualTo(wsPort);
        ServerProcess compressed = natsServer("""
                leafnodes { remotes: [ { url: "ws://127.0.0.1:%d", ws_compression: true } ] }
                """.formatted(wsPort), "-D");
        ServerProcess plain = natsServer("""
                leafnodes { remotes: [ { url: "ws://127.0.0.1:%d" } ] }
                """.formatted(wsPort), "-D");
        Connection onHub = connect(hub, false);
        LinkChecks.assertTrafficBothWays(onHub, connect(compressed, false), "ws.compressed");
        LinkChecks.assertTrafficBothWays(onHub, connect(plain, false), "ws.plain");
        assertThat(compressed.log()).anyMatch(l -> l.contains("Leafnode compression=true"));
        assertThat(plain.log()).anyMatch(l -> l.contains("Leafnode compression=false"));
    }

    @Test
    void clusterServersTellTheirLeavesEachOthersLeafUrlsSoThatALeafMovesOnUnlessNoAdvertise() throws Exception {
        int routeA = freePort();
        int leafA = freePort();
        int leafB = freePort();
        int leafC = freePort();
        ServerProcess a = switchboard("""
                cluster { name: hub, listen: 127.0.0.1:%d }
                leafnodes { listen: 127.0.0.1:%d }
                """.formatted(routeA, leafA), "-m", "-1");
        ServerProcess b = switchboard("""
                cluster { name: hub, listen: 127.0.0.1:-1, routes: [ "nats://127.0.0.1:%d" ] }
                leafnodes { listen: 127.0.0.1:%d }
                """.formatted(routeA, leafB));
        switchboard("""
                cluster { name: hub, listen: 127.0.0.1:-1, routes: [ "nats://127.0.0.1:%d" ] }
                leafnodes { listen: 127.0.0.1:%d, no_advertise: true }
                """.formatted(routeA, leafC));
        MonitorClient monitorA = new MonitorClient(a.monitorPort());
        await().atMost(SETTLE).until(() -> {
            List<JsonValue> routes = monitorA.json("/routez").map.get("routes").array;
            return routes != null && routes.size() == 2
                    && routes.stream().noneMatch(route -> route.map.get("remote_id").string.isEmpty());
        });
        String urlA = "127.0.0.1:" + leafA;
        String urlB = "127.0.0.1:" + leafB;
        String urlC = "127.0.0.1:" + leafC;
        await().atMost(SETTLE).until(() -> leafnodeUrls(leafC).containsAll(List.of(urlA, urlB)));
        assertOwnUrlFirst(leafnodeUrls(leafA), urlA, urlB);
        assertOwnUrlFirst(leafnodeUrls(leafB), urlB, urlA);
        assertOwnUrlFirst(leafnodeUrls(leafC), urlC, urlA, urlB);

        ServerProcess leaf = natsServer(remoteOf(null, leafA));
        Connection onLeaf = connect(leaf, true);
        Subscription atLeaf = onLeaf.subscribe("moved.on");
        Connection onB = connect(b, false);
        awaitInterest(onLeaf, onB);
        a.close();
        await().atMost(SETTLE).until(() -> b.log().stream().filter(l -> l.contains("Leafnode connection created"))
                .count() == 1);
        awaitInterest(onLeaf, onB);
        onB.publish("moved.on", bytes("through the other server"));
        assertThat(text(atLeaf.nextMessage(WAIT))).isEqualTo("through the other server");
    }

    /** The {@code leafnode_urls} of the INFO a leaf node port greets with. */
    private static List<String> leafnodeUrls(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            JsonValue urls = JsonParser.parseUnchecked(line.substring("INFO ".length())).map.get("leafnode_urls");
            return urls == null ? List.of() : urls.array.stream().map(url -> url.string).toList();
        }
    }

    /**
     * A server lists its own leaf URL first, then those of the cluster's other servers that advertise
     * theirs (C has no_advertise), in the order their routes came, which varies from run to run.
     */
    private static void assertOwnUrlFirst(List<String> urls, String own, String... others) {
        assertThat(urls).first().isEqualTo(own);
        assertThat(urls.subList(1, urls.size())).containsExactlyInAnyOrder(others);
    }

    @Test
    void leafzShowsAConnectedLeafAsNatsServerShowsIt() throws Exception {
        int sbLeafPort = freePort();
        int nsLeafPort = freePort();
        ServerProcess sbHubServer = switchboard("leafnodes { listen: 127.0.0.1:%d }\n".formatted(sbLeafPort), "-m", "-1");
        ServerProcess nsHubServer = natsServer("leafnodes { listen: 127.0.0.1:%d }\n".formatted(nsLeafPort), "-m", "-1");
        MonitorClient sbHub = new MonitorClient(sbHubServer.monitorPort());
        MonitorClient nsHub = new MonitorClient(nsHubServer.monitorPort());
        for (ServerProcess leaf : List.of(natsServer(remoteOf(null, sbLeafPort)), natsServer(remoteOf(null, nsLeafPort)))) {
            Connection onLeaf = connect(leaf, false);
            onLeaf.subscribe("leafz.check");
            onLeaf.flush(WAIT);
        }
        for (MonitorClient hub : List.of(sbHub, nsHub)) {
            await().atMost(SETTLE).until(() -> subjects(hub).contains("leafz.check"));
        }
        for (ServerProcess hub : List.of(sbHubServer, nsHubServer)) {
            Connection onHub = connect(hub, false);
            onHub.publish("leafz.check", bytes("one"));
            onHub.publish("leafz.check", bytes("two"));
            onHub.flush(WAIT);
        }
        for (MonitorClient hub : List.of(sbHub, nsHub)) {
            await().atMost(WAIT).until(() -> leaf(hub).map.get("out_msgs").i == 2);
        }
        JsonValue theirs = nsHub.json("/leafz?subs=1");
        JsonValue ours = sbHub.json("/leafz?subs=1");
        assertThat(JsonShape.missing(theirs, ours)).isEmpty();
        assertThat(ours.map.get("leafnodes").i).isEqualTo(theirs.map.get("leafnodes").i).isEqualTo(1);
        JsonValue mine = leaf(sbHub);
        JsonValue reference = leaf(nsHub);
        for (String field : List.of("account", "ip")) {
            assertThat(mine.map.get(field).string).as(field).isEqualTo(reference.map.get(field).string);
        }
        for (String field : List.of("in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions")) {
            assertThat(mine.map.get(field).i).as(field).isEqualTo(reference.map.get(field).i);
        }
        assertThat(subjects(sbHub)).containsExactlyInAnyOrderElementsOf(subjects(nsHub));
    }

    /** The only leaf node connection in a hub's {@code /leafz?subs=1}. */
    private static JsonValue leaf(MonitorClient hub) throws IOException, InterruptedException {
        List<JsonValue> leafs = hub.json("/leafz?subs=1").map.get("leafs").array;
        assertThat(leafs).hasSize(1);
        return leafs.get(0);
    }

    /** The subjects a hub's leaf subscribed to, without its random loop detection subject. */
    private static List<String> subjects(MonitorClient hub) throws IOException, InterruptedException {
        JsonValue leafs = hub.json("/leafz?subs=1").map.get("leafs");
        if (leafs == null || leafs.array == null || leafs.array.isEmpty()) {
            return List.of();
        }
        JsonValue list = leafs.array.get(0).map.get("subscriptions_list");
        return list == null || list.array == null ? List.of() : list.array.stream().map(v -> v.string)
                .filter(subject -> !subject.startsWith("$LDS.")).toList();
    }

    @Test
    void aLoopIsDetectedWithNatsServersErrorAndTheConnectionClosed() throws Exception {
        int sbLeafPort = freePort();
        int nsLeafPort = freePort();
        ServerProcess switchboard = switchboard("""
                leafnodes { listen: 127.0.0.1:%d, remotes: [ { url: "nats-leaf://127.0.0.1:%d" } ] }
                """.formatted(sbLeafPort, nsLeafPort));
        ServerProcess nats = natsServer("""
                leafnodes { listen: 127.0.0.1:%d, remotes: [ { url: "nats-leaf://127.0.0.1:%d" } ] }
                """.formatted(nsLeafPort, sbLeafPort));
        String detected = "Loop detected for leafnode account=\"$G\". Delaying attempt to reconnect for 30s";
        await().atMost(SETTLE).until(() -> switchboard.logContains(detected) && nats.logContains("Loop detected"));
        assertThat(switchboard.log()).anyMatch(l -> l.contains("Leafnode connection closed"));
        assertThat(switchboard.isAlive()).isTrue();
    }

    @Test
    void badLeafProtocolGetsTheAnswersNatsServerGives() throws Exception {
        int nsLeafPort = freePort();
        int sbLeafPort = freePort();
        ServerProcess nats = natsServer("leafnodes { listen: 127.0.0.1:%d }\n".formatted(nsLeafPort));
        ServerProcess switchboard = switchboard("leafnodes { listen: 127.0.0.1:%d }\n".formatted(sbLeafPort));
        List<String> scripts = List.of(
                "CONNECT {\"lang\":\"java\",\"verbose\":false}\r\n",
                "CONNECT {\"name\":\"raw\"}\r\nFOO bar\r\n",
                "LS+ before.connect\r\n");
        assertThat(nats.leafPort()).isEqualTo(nsLeafPort);
        assertThat(switchboard.leafPort()).isEqualTo(sbLeafPort);
        for (String script : scripts) {
            assertThat(errors(sbLeafPort, script)).as(script).isEqualTo(errors(nsLeafPort, script));
        }
        assertThat(errors(sbLeafPort, scripts.get(1))).containsExactly("-ERR 'Unknown Protocol Operation'");
        assertThat(nats.isAlive() && switchboard.isAlive()).isTrue();
    }

    @Test
    void replacingTheLeafnodeJarDropsOnlyTheLeafConnectionsWhileClientsAndRoutesCarryOn() throws Exception {
        Distribution dist = Distribution.copyInto(dir.resolve("home"));
        int route1 = freePort();
        int route2 = freePort();
        int leafPort = freePort();
        // only the peer dials, so that no duplicate route is made and closed at the start
        ServerProcess updated = track(ServerProcess.startIn(dist.home(), "-c", ServerProcess.configFile("""
                cluster { name: hub, listen: 127.0.0.1:%d, no_advertise: true }
                leafnodes { listen: 127.0.0.1:%d }
                """.formatted(route1, leafPort)).toString(), "-m", "-1"));
        ServerProcess peer = switchboard("""
                cluster { name: hub, listen: 127.0.0.1:%d, routes: [ "nats://127.0.0.1:%d" ], no_advertise: true }
                """.formatted(route2, route1));
        ServerProcess leaf = natsServer(remoteOf(null, leafPort));
        MonitorClient monitor = new MonitorClient(updated.monitorPort());
        Connection onLeaf = connect(leaf, false);
        Connection onPeer = connect(peer, false);
        Subscription overRoute = onPeer.subscribe("routed");
        Subscription atLeaf = onLeaf.subscribe("to.leaf");
        awaitInterest(onLeaf, onPeer);
        Path release = dist.release("switchboard-leafnode.jar", 7);
        String newVersion = Distribution.bundleVersion(release);
        Connection onUpdated = connect(updated, false);
        awaitInterest(onPeer, onUpdated);
        try (NumberedTraffic traffic = new NumberedTraffic(Options.builder().server(updated.url()).maxReconnects(0))) {
            await().atMost(WAIT).until(() -> traffic.published() > 500);
            dist.replace("switchboard-leafnode.jar", release);
            await().atMost(SETTLE).until(() -> monitor.active("io.switchboard.switchboard-leafnode", newVersion));
            await().atMost(SETTLE).until(() -> leaf.log().stream()
                    .filter(l -> l.contains("Leafnode connection created")).count() == 2);
            awaitInterest(onLeaf, onPeer);
            onPeer.publish("to.leaf", bytes("after the update"));
            assertThat(text(atLeaf.nextMessage(WAIT))).isEqualTo("after the update");
            onUpdated.publish("routed", bytes("over the route"));
            assertThat(text(overRoute.nextMessage(WAIT))).isEqualTo("over the route");
            long before = traffic.published();
            await().atMost(WAIT).until(() -> traffic.published() > before + 500);
            traffic.stopAndVerify();
        }
        assertThat(updated.log()).noneMatch(l -> l.contains("Router connection closed"));
        JsonValue varz = monitor.json("/varz");
        assertThat(varz.map.get("routes").i).isEqualTo(1);
        assertThat(varz.map.get("leafnodes").i).isEqualTo(1);
    }

    // ---- servers ----

    private ServerProcess natsServer(String config, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("-c", ServerProcess.configFile(config).toString()));
        all.addAll(List.of(flags));
        return track(ServerProcess.startNatsServer(all.toArray(String[]::new)));
    }

    private ServerProcess switchboard(String config, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("-c", ServerProcess.configFile(config).toString()));
        all.addAll(List.of(flags));
        return track(ServerProcess.start(all.toArray(String[]::new)));
    }

    private static String remoteOf(String credentials, int port) {
        return "leafnodes { remotes: [ { url: \"nats-leaf://%s127.0.0.1:%d\" } ] }\n"
                .formatted(credentials == null ? "" : credentials + "@", port);
    }

    private ServerProcess track(ServerProcess server) {
        servers.add(server);
        return server;
    }

    // ---- clients ----

    private Connection connect(ServerProcess server, boolean reconnecting) throws IOException, InterruptedException {
        Options.Builder options = Options.builder().server(server.url());
        if (reconnecting) {
            options.maxReconnects(-1).reconnectWait(Duration.ofMillis(100));
        } else {
            options.maxReconnects(0);
        }
        return track(Nats.connect(options.build()));
    }

    private Connection track(Connection connection) {
        connections.add(connection);
        return connection;
    }

    /** The {@code -ERR} lines a raw leaf connection gets for {@code script}, until the server closes it. */
    private static List<String> errors(int port, String script) throws IOException {
        List<String> errors = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(script.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString().strip();
                    if (text.startsWith("-ERR")) {
                        errors.add(text);
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }
        return errors;
    }
}
