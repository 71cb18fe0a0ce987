package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.support.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} read as Prometheus reads it: the text format, the Prometheus NATS exporter's
 * names and labels for what nats-server's {@code /varz} holds, and Switchboard's and the JVM's own.
 */
class MetricsIT {

    /** One sample line: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    @Test
    void theExportersNamesSwitchboardsOwnAndTheJvms() throws Exception {
        try (ServerProcess switchboard = ServerProcess.start("-m", "-1");
             ServerProcess nats = ServerProcess.startNatsServer("-m", "-1");
             Connection ours = Nats.connect(switchboard.url())) {
            traffic(ours);
            MonitorClient monitor = new MonitorClient(switchboard.monitorPort());
            HttpResponse<String> scraped = monitor.get("/metrics");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
            Map<String, Double> samples = samples(scraped.body());
            String id = monitor.json("/varz").map.get("server_id").string;
            String server = "{server_id=\"" + id + "\"}";

            // every number nats-server's /varz has, by the exporter's name for it
            JsonValue varz = new MonitorClient(nats.monitorPort()).json("/varz");
            varz.map.forEach((field, value) -> {
                if (JsonShape.kind(value).equals("number") && !field.equals("leaf")) {
                    assertThat(samples).as("gnatsd_varz_" + field).containsKey("gnatsd_varz_" + field + server);
                }
            });
            assertThat(samples).containsEntry("gnatsd_varz_in_msgs" + server, 10.0)
                    .containsEntry("gnatsd_varz_connections" + server, 1.0)
                    .containsEntry("gnatsd_connz_num_connections" + server, 1.0)
                    .containsEntry("gnatsd_connz_out_msgs" + server, 10.0)
                    .containsEntry("gnatsd_subsz_num_subscriptions" + server, 1.0)
                    .containsEntry("gnatsd_routez_num_routes" + server, 0.0)
                    .containsEntry("gnatsd_healthz_status" + server, 0.0)
                    .containsEntry("gnatsd_leafz_conn_nodes_total" + server, 0.0)
                    .containsEntry("gnatsd_varz_version{server_id=\"" + id + "\",value=\"2.9.10\"}", 1.0)
                    .containsEntry("gnatsd_accstatz_received_messages{account=\"$G\",account_id=\"$G\","
                            + "account_name=\"$G\",server_id=\"" + id + "\"}", 10.0)
                    .containsEntry("switchboard_connections{transport=\"nats\"}", 1.0)
                    .containsEntry("switchboard_slow_consumers{cause=\"pending_bytes\"}", 0.0)
                    .containsEntry("switchboard_slow_consumers{cause=\"write_deadline\"}", 0.0)
                    .containsKey("switchboard_bundles{state=\"ACTIVE\"}");
            assertThat(samples.keySet()).anyMatch(name -> name.startsWith("switchboard_bundle_info{")
                    && name.contains("symbolic_name=\"io.switchboard.switchboard-monitor\"") && name.contains("state=\"ACTIVE\""));
            assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes{area=\"heap\"}"));
            assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_count{"));
            assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_threads_current"));
        }
    }

    private static void traffic(Connection client) throws Exception {
        Subscription sub = client.subscribe("metrics.counted");
        for (int i = 0; i < 10; i++) {
            client.publish("metrics.counted", ("message " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
    }

    /** Every sample by name and labels; each line that is not a comment must be a well-formed sample. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : List.of(text.split("\n"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
