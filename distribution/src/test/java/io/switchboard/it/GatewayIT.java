package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.NUID;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static io.switchboard.it.LinkChecks.SETTLE;
import static io.switchboard.it.LinkChecks.WAIT;
import static io.switchboard.it.LinkChecks.assertTlsTrafficBothWays;
import static io.switchboard.it.LinkChecks.awaitInterest;
import static io.switchboard.it.LinkChecks.bytes;
import static io.switchboard.it.LinkChecks.freePort;
import static io.switchboard.it.LinkChecks.publishBatch;
import static io.switchboard.it.LinkChecks.respond;
import static io.switchboard.it.LinkChecks.text;
import static org.awaitility.Awaitility.await;

/**
 * A supercluster of a Switchboard cluster ({@code sb}, two servers joined by routes) and a cluster
 * of Debian's nats-server ({@code ns}, two servers), joined by gateways, with nats.java clients on
 * both sides. Only the first server of each cluster is configured with the other cluster's
 * gateway: the second learns it over the routes, as in nats-server.
 *
 * <p>Absence is proven with barriers, never by waiting: what one server sends over one path
 * arrives in order, so a barrier published after a batch reaches a subscriber after everything of
 * the batch that was meant for it.
 */
class GatewayIT {


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

    /** Two clusters of two servers; the second of each knows the other cluster only through its routes. */
    private final class Supercluster {
        final Ports sb1 = new Ports();
        final Ports sb2 = new Ports();
        final Ports ns1 = new Ports();
        final Ports ns2 = new Ports();
        ServerProcess sbSeed;
        ServerProcess sbPeer;
        ServerProcess nsSeed;
        ServerProcess nsPeer;

        Supercluster() throws IOException {
            sbSeed = switchboard("sb-1", "sb", sb1, sb2, remote("ns", ns1));
            sbPeer = switchboard("sb-2", "sb", sb2, sb1, "");
            nsSeed = natsServer("ns-1", "ns", ns1, ns2, remote("sb", sb1));
            nsPeer = natsServer("ns-2", "ns", ns2, ns1, "");
        }
    }

    @Test
    void messagesRequestsAndQueueGroupsCrossTheGateways() throws Exception {
        Supercluster supercluster = new Supercluster();
        Connection sb1 = connect(supercluster.sbSeed);
        Connection sb2 = connect(supercluster.sbPeer);
        Connection ns1 = connect(supercluster.nsSeed);
        Connection ns2 = connect(supercluster.nsPeer);

        Subscription onNs = ns2.subscribe("cross.to.ns");
        Subscription onSb = sb2.subscribe("cross.to.sb");
        awaitInterest(ns2, sb2);
        awaitInterest(sb2, ns2);
        Headers headers = new Headers().add("Trace-Id", "t-1").add("Multi", "a", "b");
        sb2.publish(NatsMessage.builder().subject("cross.to.ns").headers(headers)
                .data("from switchboard", StandardCharsets.UTF_8).build());
        ns2.publish(NatsMessage.builder().subject("cross.to.sb").headers(headers)
                .data("from nats-server", StandardCharsets.UTF_8).build());
        Message atNs = onNs.nextMessage(WAIT);
        Message atSb = onSb.nextMessage(WAIT);
        assertThat(text(atNs)).isEqualTo("from switchboard");
        assertThat(atNs.getHeaders().get("Multi")).containsExactly("a", "b");
        assertThat(text(atSb)).isEqualTo("from nats-server");
        assertThat(atSb.getHeaders().getFirst("Trace-Id")).isEqualTo("t-1");

        respond(ns1, "service.ns", "ns");
        respond(sb1, "service.sb", "sb");
        awaitInterest(ns1, sb2);
        awaitInterest(sb1, ns2);
        Message reply = sb2.request(NatsMessage.builder().subject("service.ns").headers(headers)
                .data("ping", StandardCharsets.UTF_8).build()).get();
        assertThat(text(reply)).isEqualTo("ns: ping");
        assertThat(reply.getHeaders().getFirst("Trace-Id")).isEqualTo("t-1");
        assertThat(text(ns2.request("service.sb", bytes("pong"), WAIT))).isEqualTo("sb: pong");

        Receiver sbMember = new Receiver(sb1, "work", "workers");
        Receiver nsMember = new Receiver(ns1, "work", "workers");
        awaitInterest(sb1, ns2);
        awaitInterest(ns1, sb2);
        publishBatch(sb2, "from-sb", 20);
        publishBatch(ns2, "from-ns", 20);
        sbMember.awaitBarriers("from-sb", "from-ns");
        nsMember.awaitBarriers("from-sb", "from-ns");
        assertThat(sbMember.received).as("a local member takes what its cluster publishes")
                .hasSize(20).allMatch(m -> m.startsWith("from-sb"));
        assertThat(nsMember.received).hasSize(20).allMatch(m -> m.startsWith("from-ns"));

        sbMember.leave();
        nsMember.received.clear();
        await().atMost(SETTLE).untilAsserted(() -> {
            sb2.publish("work", bytes("failover"));
            sb2.flush(WAIT);
            assertThat(nsMember.received).as("the other cluster's member once none is left here").isNotEmpty();
        });
        // probes of earlier rounds may still be on their way: they all come before this barrier
        publishBatch(sb2, "probes-done", 0);
        nsMember.awaitBarriers("probes-done");
        nsMember.received.clear();
        publishBatch(sb2, "after-failover", 20);
        nsMember.awaitBarriers("after-failover");
        assertThat(nsMember.received).hasSize(20).allMatch(m -> m.startsWith("after-failover"));
    }

    @Test
    void gatewayPeersKilledAndReplacedAreJoinedAgain() throws Exception {
        Supercluster supercluster = new Supercluster();
        Connection sb2 = connect(supercluster.sbPeer);
        Connection ns2 = connect(supercluster.nsPeer);
        awaitInterest(ns2, sb2);
        awaitInterest(sb2, ns2);

        supercluster.nsSeed.close();
        ServerProcess nsAgain = natsServer("ns-1", "ns", supercluster.ns1, supercluster.ns2, remote("sb", supercluster.sb1));
        Connection nsNew = connect(nsAgain);
        Subscription onReplaced = nsNew.subscribe("after.replace");
        awaitInterest(nsNew, sb2);
        sb2.publish("after.replace", bytes("to the new nats-server"));
        assertThat(text(onReplaced.nextMessage(WAIT))).isEqualTo("to the new nats-server");

        supercluster.sbSeed.close();
        Ports moved = new Ports();
        ServerProcess sbElsewhere = switchboard("sb-3", "sb", moved, supercluster.sb2, "");
        Connection sbNew = connect(sbElsewhere);
        Subscription onMoved = sbNew.subscribe("after.move");
        awaitInterest(sbNew, nsNew);
        awaitInterest(nsNew, sbNew);
        nsNew.publish("after.move", bytes("to the new switchboard"));
        assertThat(text(onMoved.nextMessage(WAIT))).isEqualTo("to the new switchboard");
    }

    @Test
    void gatewaysOverMutualTlsWithNatsServerBothWays() throws Exception {
        Path tls = Path.of(GatewayIT.class.getResource("/tls/ca.pem").toURI()).getParent();
        String block = "tls { cert_file: \"%s\", key_file: \"%s\", ca_file: \"%s\", timeout: 2 }".formatted(
                tls.resolve("server-cert.pem"), tls.resolve("server-key.pem"), tls.resolve("ca.pem"));
        Ports sbPorts = new Ports();
        Ports nsPorts = new Ports();
        ServerProcess switchboard = start(ServerProcess.start("-c", config("sb-tls", "sb", sbPorts, null,
                remote("ns", nsPorts), block).toString(), "-n", "sb-tls"));
        ServerProcess nats = start(ServerProcess.startNatsServer("-c", config("ns-tls", "ns", nsPorts, null,
                remote("sb", sbPorts), block).toString(), "-n", "ns-tls"));
        assertTlsTrafficBothWays(connect(switchboard), connect(nats), nats);
    }

    @Test
    void differentGatewayNamesInOneClusterAreRefusedAsNatsServerRefusesThem() throws Exception {
        Ports sbPorts = new Ports();
        Ports nsPorts = new Ports();
        ServerProcess switchboard = switchboard("sb-east", "east", sbPorts, nsPorts, "");
        ServerProcess nats = natsServer("ns-west", "west", nsPorts, sbPorts, "");
        await().atMost(SETTLE).until(() -> nats.logContains(
                "Rejecting connection, cluster name \"east\" does not match \"west\"")
                && switchboard.logContains("Rejecting connection, cluster name \"west\" does not match \"east\""));
        assertThat(switchboard.log()).noneMatch(l -> l.contains("Gateway name is west"));

        Path conflicting = ServerProcess.configFile("""
                cluster { name: blue, listen: 127.0.0.1:%d }
                gateway { name: east, listen: 127.0.0.1:%d }
                """.formatted(freePort(), freePort()));
        ServerProcess refused = start(ServerProcess.start("-c", conflicting.toString(), "-n", "sb-conflict"));
        await().atMost(SETTLE).until(() -> refused.logContains(
                "Cluster configuration error: cluster name conflicts between cluster and gateway definitions")
                && refused.logContains(
                "Gateway configuration error: cluster name conflicts between cluster and gateway definitions"));
        assertThat(refused.log()).noneMatch(l -> l.contains("Listening for route connections")
                || l.contains("Listening for gateways connections"));
    }

    @Test
    void aGatewayWithoutRoutesNamesTheClusterInClientInfoAsNatsServerDoes() throws Exception {
        ServerProcess switchboard = switchboard("sb-alone", "alone", new Ports(), null, "");
        ServerProcess nats = natsServer("ns-alone", "alone", new Ports(), null, "");
        for (ServerProcess server : List.of(switchboard, nats)) {
            await().atMost(SETTLE).until(() -> server.logContains("Listening for gateways connections"));
            try (RawClient client = new RawClient(server.port())) {
                assertThat(client.readInfo()).contains("\"cluster\":\"alone\"");
            }
        }
    }

    // ---- the servers ----

    /** A server's route and gateway ports, free when taken. */
    private static final class Ports {
        final int route;
        final int gateway;

        Ports() throws IOException {
            route = freePort();
            gateway = freePort();
        }
    }

    private ServerProcess switchboard(String name, String cluster, Ports own, Ports seed, String gateways)
            throws IOException {
        return start(ServerProcess.start("-c", config(name, cluster, own, seed, gateways, "").toString(), "-n", name));
    }

    private ServerProcess natsServer(String name, String cluster, Ports own, Ports seed, String gateways)
            throws IOException {
        return start(ServerProcess.startNatsServer("-c", config(name, cluster, own, seed, gateways, "").toString(),
                "-n", name));
    }

    private Path config(String name, String cluster, Ports own, Ports seed, String gateways, String tls)
            throws IOException {
        String routes = seed == null ? "" : """
                cluster {
                  listen: 127.0.0.1:%d
                  routes: [ "nats://127.0.0.1:%d" ]
                }
                """.formatted(own.route, seed.route);
        return Files.writeString(dir.resolve(name + "-" + NUID.nextGlobal() + ".conf"), routes + """
                gateway {
                  name: %s
                  listen: 127.0.0.1:%d
                  gateways: [ %s ]
                  %s
                }
                """.formatted(cluster, own.gateway, gateways, tls));
    }

    private static String remote(String name, Ports ports) {
        return "{ name: %s, url: \"nats://127.0.0.1:%d\" }".formatted(name, ports.gateway);
    }

    private ServerProcess start(ServerProcess server) {
        servers.add(server);
        return server;
    }

    // ---- clients ----

    private Connection connect(ServerProcess server) throws IOException, InterruptedException {
        Connection connection = Nats.connect(Options.builder().server(server.url()).maxReconnects(0).build());
        connections.add(connection);
        return connection;
    }
}
