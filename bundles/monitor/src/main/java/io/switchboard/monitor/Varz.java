package io.switchboard.monitor;

import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.monitor.ServerInfo;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.ServerStatistics;
import io.switchboard.core.spi.monitor.TransportCounters;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * nats-server's {@code /varz}, with its names, units and order. Go's own fields take the JVM's
 * counterparts: {@code go} names the Java runtime, {@code gomaxprocs} the processors it may use.
 */
final class Varz {

    /** nats-server's default TLS handshake timeout, in seconds; the client port has no TLS of its own. */
    private static final int TLS_TIMEOUT = 2;

    private final ServerMonitor server;
    private final Supplier<List<TransportCounters>> transportCounters;

    Varz(ServerMonitor server, Supplier<List<TransportCounters>> transportCounters) {
        this.server = server;
        this.transportCounters = transportCounters;
    }

    /**
     * A configured transport's object with what its bundle counts of its own after nats-server's
     * fields, which stay as they are; an unconfigured one stays empty, as in nats-server.
     */
    private Map<String, Object> withCounters(String transport, Map<String, Object> block) {
        if (!block.isEmpty()) {
            for (TransportCounters counters : transportCounters.get()) {
                if (counters.transport().equals(transport)) {
                    block.putAll(counters.counters());
                }
            }
        }
        return block;
    }

    Map<String, Object> snapshot(Map<String, Long> requestStats) {
        ServerInfo info = server.info();
        ServerStatistics stats = server.statistics();
        ServerOptions options = info.options();
        Instant now = Instant.now();
        Duration uptime = Duration.between(info.start(), now);
        Map<String, Object> varz = new LinkedHashMap<>();
        varz.put("server_id", info.serverId());
        varz.put("server_name", info.serverName());
        varz.put("version", info.version());
        varz.put("proto", info.proto());
        varz.put("go", "java" + Runtime.version());
        varz.put("host", info.host());
        varz.put("port", info.port());
        if (server.authRequired()) {
            varz.put("auth_required", true);
        }
        varz.put("max_connections", options.maxConnections());
        if (options.maxSubscriptions() > 0) {
            varz.put("max_subscriptions", options.maxSubscriptions());
        }
        varz.put("ping_interval", options.pingInterval().toNanos());
        varz.put("ping_max", options.maxPingsOut());
        varz.put("http_host", options.httpHost());
        varz.put("http_port", options.httpPort());
        varz.put("http_base_path", options.httpBasePath());
        varz.put("https_port", options.httpsPort());
        varz.put("auth_timeout", seconds(options.authTimeout()));
        varz.put("max_control_line", options.maxControlLine());
        varz.put("max_payload", options.maxPayload());
        varz.put("max_pending", options.maxPending());
        List<String> connectUrls = server.connectUrls();
        if (!connectUrls.isEmpty()) {
            varz.put("connect_urls", connectUrls);
        }
        varz.put("cluster", VarzBlocks.cluster(options, clusterName(options)));
        varz.put("gateway", VarzBlocks.gateway(options));
        varz.put("leaf", VarzBlocks.leaf(options));
        varz.put("mqtt", withCounters("mqtt", VarzBlocks.mqtt(options)));
        varz.put("websocket", withCounters("websocket", VarzBlocks.websocket(options)));
        varz.put("jetstream", Map.of());
        varz.put("tls_timeout", TLS_TIMEOUT);
        varz.put("write_deadline", options.writeDeadline().toNanos());
        varz.put("start", info.start().toString());
        varz.put("now", now.toString());
        varz.put("uptime", uptime(uptime));
        varz.put("mem", ProcessUsage.residentBytes());
        varz.put("cores", Runtime.getRuntime().availableProcessors());
        varz.put("gomaxprocs", Runtime.getRuntime().availableProcessors());
        varz.put("cpu", ProcessUsage.cpuPercent(uptime));
        varz.put("connections", stats.connections());
        varz.put("total_connections", stats.totalConnections());
        varz.put("routes", stats.routes());
        varz.put("remotes", stats.remotes());
        varz.put("leafnodes", Leafz.leafs(server, false).size());
        varz.put("in_msgs", stats.inMsgs());
        varz.put("out_msgs", stats.outMsgs());
        varz.put("in_bytes", stats.inBytes());
        varz.put("out_bytes", stats.outBytes());
        varz.put("slow_consumers", stats.slowConsumers());
        varz.put("subscriptions", stats.subscriptions());
        varz.put("http_req_stats", requestStats);
        varz.put("config_load_time", info.configLoadTime().toString());
        options.raw("system_account").filter(value -> value.is(ConfigValue.Kind.STRING))
                .ifPresent(value -> varz.put("system_account", value.asString()));
        return varz;
    }

    /** The cluster's name in force; a server with a gateway and no cluster is a cluster of the gateway's name. */
    private String clusterName(ServerOptions options) {
        String name = server.clusterName();
        return name.isEmpty() ? VarzBlocks.gatewayName(options) : name;
    }

    /** Go's float seconds: whole seconds print as an integer. */
    static Number seconds(Duration duration) {
        return duration.toNanos() % 1_000_000_000L == 0 ? (Number) duration.toSeconds() : (Number) (duration.toNanos() / 1e9);
    }

    /** nats-server's uptime format: 45s, 3m5s, 2h3m5s, 4d2h3m5s, 1y4d2h3m5s. */
    static String uptime(Duration uptime) {
        long secs = uptime.toSeconds();
        long mins = secs / 60;
        long hours = mins / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + mins % 60 + "m" + secs % 60 + "s";
        }
        if (mins > 0) {
            return mins + "m" + secs % 60 + "s";
        }
        return secs + "s";
    }
}
