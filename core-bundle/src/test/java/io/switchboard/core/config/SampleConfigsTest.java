package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.SubjectRules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration files in the style of nats-server's documentation, read completely. */
class SampleConfigsTest {

    private static ServerOptions load(String name) throws URISyntaxException {
        Path file = Path.of(SampleConfigsTest.class.getResource("/config/samples/" + name).toURI());
        return ServerOptions.load(CommandLine.parse("-c", file.toString()), Map.of());
    }

    @Test
    void coreSettings() throws URISyntaxException {
        ServerOptions options = load("core.conf");
        assertEquals("edge-1", options.serverName());
        assertEquals("127.0.0.1", options.host());
        assertEquals(4333, options.port());
        assertEquals("edge-1.example.net:4333", options.clientAdvertise());
        assertEquals(8333, options.httpPort());
        assertEquals(10_000, options.maxConnections());
        assertEquals(2 * 1024 * 1024, options.maxPayload());
        assertEquals(128L * 1024 * 1024, options.maxPending());
        assertEquals(2048, options.maxControlLine());
        assertEquals(1000, options.maxSubscriptions());
        assertEquals(Duration.ofSeconds(30), options.pingInterval());
        assertEquals(3, options.maxPingsOut());
        assertEquals(Duration.ofSeconds(5), options.writeDeadline());
        assertEquals(Duration.ofSeconds(45), options.lameDuckDuration());
        assertEquals(Duration.ofSeconds(5), options.lameDuckGracePeriod());
        assertEquals(1024L * 1024 * 1024, options.logSizeLimit());
        assertEquals(256, options.maxTracedMsgLen());
        assertEquals(10, options.connectErrorReports());
        assertEquals(5, options.reconnectErrorReports());
        assertTrue(options.disableSublistCache());
        assertEquals("edge", options.username());
        assertEquals("s3cr3t", options.password());
        assertEquals(Duration.ofMillis(1500), options.authTimeout());
    }

    @Test
    void clusterWithRolePermissions() throws URISyntaxException {
        ServerOptions options = load("cluster.conf");
        assertEquals(4334, options.port());
        assertEquals("127.0.0.1", options.httpHost());
        assertEquals(8334, options.httpPort());
        assertEquals(List.of("alice", "bob", "joe"), options.users().stream().map(ServerOptions.User::username).toList());
        assertEquals(new Permissions(new SubjectRules(List.of(">"), List.of()), new SubjectRules(List.of(">"), List.of()),
                Optional.empty()), options.users().get(0).permissions());
        assertEquals(new Permissions(new SubjectRules(List.of("SANDBOX.*"), List.of()),
                new SubjectRules(List.of("PUBLIC.>", "_INBOX.>"), List.of()), Optional.empty()),
                options.users().get(2).permissions());
        ConfigTree cluster = options.block("cluster").orElseThrow();
        assertEquals("blue", cluster.get("name").orElseThrow().asString());
        assertEquals(List.of("nats-route://route_user:T0pS3cr3t@127.0.0.1:6335",
                "nats-route://route_user:T0pS3cr3t@127.0.0.1:6336"), cluster.get("routes").orElseThrow().toJava());
        assertEquals(true, cluster.get("no_advertise").orElseThrow().asBoolean());
    }

    @Test
    void accountsAndJetStream() throws URISyntaxException {
        ServerOptions options = load("accounts.conf");
        ConfigTree accounts = options.block("accounts").orElseThrow();
        assertEquals(List.of("SYS", "ORDERS", "BILLING"), List.copyOf(accounts.keys()));
        assertEquals("enabled", accounts.block("ORDERS").orElseThrow().get("jetstream").orElseThrow().asString());
        assertEquals(Map.of("max_mem", 64L * 1024 * 1024, "max_file", 512L * 1024 * 1024, "max_streams", 10L,
                "max_consumers", 100L), accounts.block("BILLING").orElseThrow().get("jetstream").orElseThrow().toJava());
        assertEquals(2L * 1024 * 1024 * 1024,
                options.block("jetstream").orElseThrow().get("max_file_store").orElseThrow().asLong());
        assertEquals("SYS", options.raw("system_account").orElseThrow().asString());
        assertEquals("orders", options.noAuthUser());
    }

    @Test
    void leafNodesWithAnInclude() throws URISyntaxException {
        ServerOptions options = load("leafnode.conf");
        assertEquals(-1, options.port());
        assertEquals(512 * 1024, options.maxPayload());
        assertEquals(1000, options.maxConnections());
        assertEquals(Duration.ofMinutes(1), options.pingInterval());
        ConfigValue remotes = options.block("leafnodes").orElseThrow().get("remotes").orElseThrow();
        assertEquals(List.of(Map.of("urls", List.of("nats-leaf://127.0.0.1:7423", "nats-leaf://127.0.0.1:7424"),
                "account", "$G")), remotes.toJava());
        assertEquals(true, options.block("ws").orElseThrow().get("no_tls").orElseThrow().asBoolean());
        assertEquals("1m", options.block("mqtt").orElseThrow().get("ack_wait").orElseThrow().asString());
        assertEquals("enabled", options.raw("jetstream").orElseThrow().asString());
        assertEquals(List.of("region:eu", "az:1"), options.raw("server_tags").orElseThrow().toJava());
    }
}
