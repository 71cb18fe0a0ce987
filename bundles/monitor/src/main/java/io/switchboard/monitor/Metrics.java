package io.switchboard.monitor;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.switchboard.core.config.Durations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /metrics} in the Prometheus text format: what the Prometheus NATS exporter makes of
 * nats-server's endpoints ({@code gnatsd_varz_*}, {@code gnatsd_connz_*}, {@code gnatsd_subsz_*},
 * {@code gnatsd_routez_*}, {@code gnatsd_healthz_*}, {@code gnatsd_accstatz_*},
 * {@code gnatsd_leafz_*}, {@code gnatsd_gatewayz_*}) made here from the same answers, Switchboard's
 * own ({@code switchboard_*}) and the JVM's ({@code jvm_*}, {@code process_*}). Everything is read
 * when Prometheus scrapes.
 */
final class Metrics {

    private static final String SYSTEM = "gnatsd";
    /** Fields the exporter leaves out of its flattened /varz. */
    private static final Set<String> SKIPPED = Set.of("leaf", "trusted_operators_claim", "cluster_tls_timeout",
            "cluster_cluster_port", "cluster_auth_timeout", "gateway_port", "gateway_auth_timeout",
            "gateway_tls_timeout", "gateway_connect_retries");
    /** Text fields the exporter turns into a gauge of 1 with the text as its {@code value} label, or of the time. */
    private static final Set<String> LABELLED = Set.of("server_id", "server_name", "version", "domain", "leader",
            "name", "start", "config_load_time");

    private final Sources sources;
    private final PrometheusRegistry jvm = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** Where the metrics come from: the answers the JSON endpoints give, and the bundles. */
    interface Sources {
        String serverId();

        Map<String, Object> varz();

        Map<String, Object> connz();

        Map<String, Object> subsz();

        Map<String, Object> routez();

        Map<String, Object> gatewayz();

        Map<String, Object> leafz();

        Map<String, Object> accstatz();

        boolean healthy();

        List<Map<String, Object>> bundles();

        Map<String, Integer> connectionsByTransport();

        Map<String, Long> slowConsumersByCause();
    }

    Metrics(Sources sources) {
        this.sources = sources;
        // each collector reads its MXBeans when scraped; the allocation metrics, which register GC
        // listeners that would outlive this bundle, are left out
        JvmMemoryMetrics.builder().register(jvm);
        JvmGarbageCollectorMetrics.builder().register(jvm);
        JvmThreadsMetrics.builder().register(jvm);
        JvmClassLoadingMetrics.builder().register(jvm);
        JvmBufferPoolMetrics.builder().register(jvm);
        JvmRuntimeInfoMetric.builder().register(jvm);
        ProcessMetrics.builder().register(jvm);
    }

    String contentType() {
        return writer.getContentType();
    }

    String scrape() {
        String id = sources.serverId();
        Gauges gauges = new Gauges();
        flatten(gauges, SYSTEM + "_varz", sources.varz(), id, "");
        flatten(gauges, SYSTEM + "_subsz", sources.subsz(), id, "");
        flatten(gauges, SYSTEM + "_routez", sources.routez(), id, "");
        connz(gauges, id);
        gauges.add("gnatsd_healthz_status", sources.healthy() ? 0 : 1, "server_id", id);
        gauges.add("gnatsd_healthz_status_value", 1, "server_id", id, "value", sources.healthy() ? "ok" : "error");
        accstatz(gauges, id);
        leafz(gauges, id);
        gatewayz(gauges, id);
        switchboard(gauges);
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        gauges.snapshots().forEach(all::metricSnapshot);
        jvm.scrape().forEach(all::metricSnapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, all.build(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The exporter's generic reading of an endpoint: every number, nested objects flattened with {@code _}. */
    private static void flatten(Gauges gauges, String prefix, Map<String, Object> answer, String id, String path) {
        answer.forEach((key, value) -> {
            String fqn = fqName(path, key);
            if (SKIPPED.contains(fqn)) {
                return;
            }
            String name = prefix + "_" + fqn;
            if (value instanceof Number number) {
                gauges.add(name, number.doubleValue(), "server_id", id);
            } else if (value instanceof String text && LABELLED.contains(key)) {
                Double time = unixSeconds(text);
                if (time != null) {
                    gauges.add(name, time, "server_id", id);
                } else {
                    gauges.add(name, 1, "server_id", id, "value", text);
                }
            } else if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) nested;
                flatten(gauges, prefix, object, id, fqn);
            }
        });
    }

    private static String fqName(String path, String key) {
        String joined = (path.isEmpty() ? key : path + "_" + key).replace('/', '_');
        while (joined.contains("__")) {
            joined = joined.replace("__", "_");
        }
        return joined.replaceAll("^_+|_+$", "");
    }

    private static Double unixSeconds(String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() + instant.getNano() / 1e9;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The exporter's /connz summary: the list's counts and the sums over its connections. */
    private void connz(Gauges gauges, String id) {
        Map<String, Object> connz = sources.connz();
        for (String field : List.of("num_connections", "total", "offset", "limit")) {
            gauges.add("gnatsd_connz_" + field, ((Number) connz.get(field)).doubleValue(), "server_id", id);
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String field : List.of("pending_bytes", "subscriptions", "in_bytes", "out_bytes", "in_msgs", "out_msgs")) {
            sums.put(field, 0.0);
        }
        for (Map<String, Object> conn : list(connz.get("connections"))) {
            sums.replaceAll((field, sum) -> sum + ((Number) conn.get(field)).doubleValue());
        }
        sums.forEach((field, sum) -> gauges.add("gnatsd_connz_" + field, sum, "server_id", id));
    }

    private void accstatz(Gauges gauges, String id) {
        for (Map<String, Object> account : list(sources.accstatz().get("account_statz"))) {
            String name = (String) account.get("acc");
            String[] labels = {"server_id", id, "account", name, "account_id", name, "account_name", name};
            gauges.add("gnatsd_accstatz_current_connections", number(account, "conns"), labels);
            gauges.add("gnatsd_accstatz_total_connections", number(account, "total_conns"), labels);
            gauges.add("gnatsd_accstatz_leaf_nodes", number(account, "leafnodes"), labels);
            gauges.add("gnatsd_accstatz_sent_messages", number(map(account.get("sent")), "msgs"), labels);
            gauges.add("gnatsd_accstatz_sent_bytes", number(map(account.get("sent")), "bytes"), labels);
            gauges.add("gnatsd_accstatz_received_messages", number(map(account.get("received")), "msgs"), labels);
            gauges.add("gnatsd_accstatz_received_bytes", number(map(account.get("received")), "bytes"), labels);
            gauges.add("gnatsd_accstatz_slow_consumers", number(account, "slow_consumers"), labels);
        }
    }

    private void leafz(Gauges gauges, String id) {
        Map<String, Object> leafz = sources.leafz();
        gauges.add("gnatsd_leafz_conn_nodes_total", number(leafz, "leafnodes"), "server_id", id);
        for (Map<String, Object> leaf : list(leafz.get("leafs"))) {
            String account = (String) leaf.get("account");
            String[] labels = {"server_id", id, "account", account, "account_id", account, "ip",
                    String.valueOf(leaf.get("ip")), "port", String.valueOf(leaf.get("port")), "name", ""};
            gauges.add("gnatsd_leafz_info", 1, labels);
            gauges.add("gnatsd_leafz_conn_rtt", seconds(String.valueOf(leaf.get("rtt"))), labels);
            for (String field : List.of("in_msgs", "out_msgs", "in_bytes", "out_bytes")) {
                gauges.add("gnatsd_leafz_conn_" + field, number(leaf, field), labels);
            }
            gauges.add("gnatsd_leafz_conn_subscriptions_total", number(leaf, "subscriptions"), labels);
        }
    }

    private void gatewayz(Gauges gauges, String id) {
        Map<String, Object> gatewayz = sources.gatewayz();
        String own = String.valueOf(gatewayz.getOrDefault("name", ""));
        Map<String, Object> outbound = map(gatewayz.get("outbound_gateways"));
        outbound.forEach((remote, entry) -> gateway(gauges, "outbound_gateway", own, remote, map(entry), id));
        map(gatewayz.get("inbound_gateways")).forEach((remote, entries) -> list(entries)
                .forEach(entry -> gateway(gauges, "inbound_gateway", own, remote, entry, id)));
    }

    private static void gateway(Gauges gauges, String type, String own, String remote, Map<String, Object> entry,
                                String id) {
        Map<String, Object> conn = map(entry.get("connection"));
        String[] labels = {"gateway_name", own, "cid", String.valueOf(conn.get("cid")), "remote_gateway_name", remote,
                "server_id", id};
        String prefix = "gnatsd_gatewayz_" + type;
        gauges.add(prefix + "_configured", Boolean.TRUE.equals(entry.get("configured")) ? 1 : 0, labels);
        Double start = unixSeconds(String.valueOf(conn.get("start")));
        Double last = unixSeconds(String.valueOf(conn.get("last_activity")));
        gauges.add(prefix + "_conn_start_time_seconds", start == null ? 0 : start, labels);
        gauges.add(prefix + "_conn_last_activity_seconds", last == null ? 0 : last, labels);
        double now = unixSeconds(Instant.now().toString());
        gauges.add(prefix + "_conn_uptime_seconds", start == null ? 0 : now - start, labels);
        gauges.add(prefix + "_conn_idle_seconds", last == null ? 0 : now - last, labels);
        gauges.add(prefix + "_conn_rtt", seconds(String.valueOf(conn.get("rtt"))), labels);
        for (String field : List.of("pending_bytes", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions")) {
            gauges.add(prefix + "_conn_" + field, number(conn, field), labels);
        }
    }

    /** Switchboard's own: its bundles and their states, connections per transport, slow consumers per cause. */
    private void switchboard(Gauges gauges) {
        for (Map<String, Object> bundle : sources.bundles()) {
            gauges.add("switchboard_bundle_info", 1, "id", String.valueOf(bundle.get("id")), "symbolic_name",
                    String.valueOf(bundle.get("symbolic_name")), "version", String.valueOf(bundle.get("version")),
                    "state", String.valueOf(bundle.get("state")));
        }
        Map<String, Integer> states = new LinkedHashMap<>();
        for (Map<String, Object> bundle : sources.bundles()) {
            states.merge(String.valueOf(bundle.get("state")), 1, Integer::sum);
        }
        states.forEach((state, count) -> gauges.add("switchboard_bundles", count, "state", state));
        sources.connectionsByTransport().forEach((transport, count) ->
                gauges.add("switchboard_connections", count, "transport", transport));
        sources.slowConsumersByCause().forEach((cause, count) ->
                gauges.add("switchboard_slow_consumers", count, "cause", cause));
    }

    /** A Go duration text as seconds, the way the exporter reads {@code rtt}. */
    static double seconds(String text) {
        try {
            return Durations.parse(text).toNanos() / 1e9;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double number(Map<String, Object> object, String field) {
        return object.get(field) instanceof Number number ? number.doubleValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /**
     * Gauges by name, each with its labelled values, in the order first added. A name with the
     * {@code _total} or {@code _info} suffix the exporter gives its gauges becomes a counter or an
     * info metric, which the text format writes with that suffix: the library reserves both.
     */
    private static final class Gauges {
        private static final String COUNTER = "_total";
        private static final String INFO = "_info";

        private record Point(double value, Labels labels) {
        }

        private final Map<String, List<Point>> points = new LinkedHashMap<>();

        void add(String name, double value, String... labels) {
            points.computeIfAbsent(name, n -> new ArrayList<>()).add(new Point(value, Labels.of(labels)));
        }

        List<MetricSnapshot> snapshots() {
            List<MetricSnapshot> snapshots = new ArrayList<>(points.size());
            points.forEach((name, values) -> snapshots.add(snapshot(name, values)));
            return snapshots;
        }

        private static MetricSnapshot snapshot(String name, List<Point> values) {
            if (name.endsWith(COUNTER)) {
                CounterSnapshot.Builder counter = CounterSnapshot.builder().name(strip(name, COUNTER)).help(name);
                values.forEach(point -> counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(point.value()).labels(point.labels()).build()));
                return counter.build();
            }
            if (name.endsWith(INFO)) {
                InfoSnapshot.Builder info = InfoSnapshot.builder().name(strip(name, INFO)).help(name);
                values.forEach(point -> info.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(point.labels()).build()));
                return info.build();
            }
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(name);
            values.forEach(point -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(point.value()).labels(point.labels()).build()));
            return gauge.build();
        }

        private static String strip(String name, String suffix) {
            return name.substring(0, name.length() - suffix.length());
        }
    }
}
