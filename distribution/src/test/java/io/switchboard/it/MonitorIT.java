package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring port side by side with nats-server 2.9.10's: the same requests to both, after the
 * same client traffic, and the answers compared field by field.
 */
class MonitorIT {

    /** The /varz fields Switchboard has, with nats-server's names. */
    private static final List<String> VARZ_FIELDS = List.of("server_id", "server_name", "version", "proto", "host",
            "port", "max_connections", "ping_interval", "ping_max", "http_host", "http_port", "http_base_path",
            "https_port", "auth_timeout", "max_control_line", "max_payload", "max_pending", "write_deadline",
            "start", "now", "uptime", "mem", "cores", "cpu", "connections", "total_connections", "routes",
            "remotes", "leafnodes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "slow_consumers",
            "subscriptions", "http_req_stats", "config_load_time");
    /** Fields whose values are the same for both servers started alike and given the same traffic. */
    private static final List<String> SAME_VALUES = List.of("version", "proto", "host", "max_connections",
            "ping_interval", "ping_max", "http_host", "http_port", "http_base_path", "https_port", "auth_timeout",
            "max_control_line", "max_payload", "max_pending", "write_deadline", "connections",
            "total_connections", "routes", "remotes", "leafnodes", "in_msgs", "out_msgs", "in_bytes", "out_bytes",
            "slow_consumers", "http_req_stats");

    @Test
    void varzHasNatsServersFieldsTypesAndValues() throws Exception {
        try (ServerProcess switchboard = ServerProcess.start("-m", "-1");
             ServerProcess nats = ServerProcess.startNatsServer("-m", "-1")) {
            JsonValue ours = afterTraffic(switchboard);
            JsonValue theirs = afterTraffic(nats);
            for (String field : VARZ_FIELDS) {
                assertThat(ours.map).as("Switchboard's /varz").containsKey(field);
                assertThat(theirs.map).as("nats-server's /varz").containsKey(field);
                assertThat(kind(ours.map.get(field))).as(field).isEqualTo(kind(theirs.map.get(field)));
            }
            for (String field : SAME_VALUES) {
                assertThat(ours.map.get(field).toJson()).as(field).isEqualTo(theirs.map.get(field).toJson());
            }
            assertThat(ours.map.get("port").i).isEqualTo(switchboard.port());
            assertThat(ours.map.get("server_id").string).isEqualTo(ours.map.get("server_name").string).startsWith("N");
            assertThat(ours.map.get("uptime").string).matches("(\\d+[ydhm])*\\d+s");
            for (String time : List.of("start", "now", "config_load_time")) {
                assertThat(OffsetDateTime.parse(ours.map.get(time).string)).isNotNull();
            }
            assertThat(ours.map.get("subscriptions").toJson()).isEqualTo("1");
        }
    }

    @Test
    void healthzAndUnknownPathsAnswerAsNatsServerDoes() throws Exception {
        try (ServerProcess switchboard = ServerProcess.start("-m", "-1");
             ServerProcess nats = ServerProcess.startNatsServer("-m", "-1")) {
            for (String path : List.of("/healthz", "/no/such/page")) {
                HttpResponse<String> ours = new MonitorClient(switchboard.monitorPort()).get(path);
                HttpResponse<String> theirs = new MonitorClient(nats.monitorPort()).get(path);
                assertThat(ours.statusCode()).as(path).isEqualTo(theirs.statusCode());
                assertThat(ours.body()).as(path).isEqualTo(theirs.body());
                assertThat(ours.headers().firstValue("content-type"))
                        .isEqualTo(theirs.headers().firstValue("content-type"));
            }
        }
    }

    @Test
    void bundlezListsEveryBundleActive() throws Exception {
        try (ServerProcess switchboard = ServerProcess.start("-m", "-1")) {
            List<JsonValue> bundles = new MonitorClient(switchboard.monitorPort()).json("/bundlez").map.get("bundles").array;
            assertThat(bundles).extracting(b -> b.map.get("symbolic_name").string).contains(
                    "org.apache.felix.framework", "io.switchboard.switchboard-core", "io.switchboard.switchboard-client-tcp",
                    "io.switchboard.switchboard-websocket", "io.switchboard.switchboard-monitor");
            for (JsonValue bundle : bundles) {
                assertThat(bundle.map.keySet()).contains("id", "symbolic_name", "version", "state", "location");
                assertThat(bundle.map.get("id").type).isIn(JsonValue.Type.INTEGER, JsonValue.Type.LONG);
            }
            assertThat(bundles).filteredOn(b -> b.map.get("symbolic_name").string.startsWith("io.switchboard"))
                    .allMatch(b -> "ACTIVE".equals(b.map.get("state").string));
        }
    }

    @Test
    void theMonitorServesNothingWithoutAPortAndTheBasePathMovesIt() throws Exception {
        try (ServerProcess off = ServerProcess.start()) {
            assertThat(off.log()).noneMatch(l -> l.contains("http monitor"));
        }
        try (ServerProcess based = ServerProcess.start("-c", ServerProcess.configFile("http_base_path: /nats\n").toString(),
                "-m", "-1")) {
            MonitorClient monitor = new MonitorClient(based.monitorPort());
            assertThat(monitor.get("/nats/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(monitor.get("/healthz").statusCode()).isEqualTo(404);
            assertThat(monitor.json("/nats/varz").map.get("http_base_path").string).isEqualTo("/nats");
        }
    }

    @Test
    void httpsPortServesTheEndpointsWithTheServersTls() throws Exception {
        String config = ServerProcess.configFile("https_port: -1\n" + TestCa.serverTlsBlock() + "\n").toString();
        try (ServerProcess switchboard = ServerProcess.start("-c", config);
             ServerProcess nats = ServerProcess.startNatsServer("-c", config)) {
            for (ServerProcess server : List.of(switchboard, nats)) {
                MonitorClient monitor = MonitorClient.https(server.monitorPort(), TestCa.trusting());
                assertThat(server.log()).anyMatch(line -> line.contains("[INF] Starting https monitor on"));
                assertThat(monitor.get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
                assertThat(monitor.json("/varz").map.get("https_port").i).isEqualTo(-1);
            }
        }
    }

    /** /varz after one client subscribed and had ten messages of its own delivered. */
    private static JsonValue afterTraffic(ServerProcess server) throws Exception {
        MonitorClient monitor = new MonitorClient(server.monitorPort());
        try (Connection client = Nats.connect(server.url())) {
            Subscription sub = client.subscribe("varz.counted");
            for (int i = 0; i < 10; i++) {
                client.publish("varz.counted", ("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
            }
            monitor.get("/healthz");
            return monitor.json("/varz");
        }
    }

    private static String kind(JsonValue value) {
        return switch (value.type) {
            case INTEGER, LONG, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER -> "number";
            default -> value.type.name();
        };
    }
}
