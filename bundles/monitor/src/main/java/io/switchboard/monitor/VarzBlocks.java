package io.switchboard.monitor;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.ServerOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cluster}, {@code gateway}, {@code leaf}, {@code mqtt} and {@code websocket} objects of
 * {@code /varz}: the configured blocks as nats-server summarises them, each field only when set
 * (an empty object for a block that is not configured).
 */
final class VarzBlocks {

    private static final int DEFAULT_AUTH_TIMEOUT = 2;
    private static final int DEFAULT_TLS_TIMEOUT = 2;

    private VarzBlocks() {
    }

    /** {@code clusterName} is the name in force, which a gateway gives a server without a cluster block too. */
    static Map<String, Object> cluster(ServerOptions options, String clusterName) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        putText(cluster, "name", clusterName);
        options.block("cluster").ifPresent(tree -> {
            putText(cluster, "addr", host(tree));
            port(tree).ifPresent(port -> cluster.put("cluster_port", port));
            cluster.put("auth_timeout", authTimeout(tree));
            List<String> urls = hosts(tree.lookup("routes").map(ConfigTree.Entry::value));
            if (!urls.isEmpty()) {
                cluster.put("urls", urls);
            }
            putTls(cluster, tree);
        });
        return cluster;
    }

    static Map<String, Object> gateway(ServerOptions options) {
        Map<String, Object> gateway = new LinkedHashMap<>();
        options.block("gateway").ifPresent(tree -> {
            putText(gateway, "name", text(tree, "name"));
            putText(gateway, "host", host(tree));
            port(tree).ifPresent(port -> gateway.put("port", port));
            gateway.put("auth_timeout", authTimeout(tree));
            putTls(gateway, tree);
            putText(gateway, "advertise", text(tree, "advertise"));
            tree.lookup("connect_retries").map(entry -> entry.value().asLong())
                    .filter(retries -> retries != 0).ifPresent(retries -> gateway.put("connect_retries", retries));
            List<Map<String, Object>> remotes = new ArrayList<>();
            for (ConfigValue remote : list(tree, "gateways")) {
                if (remote.is(ConfigValue.Kind.MAP)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", text(remote.asTree(), "name"));
                    List<String> urls = hosts(remote.asTree().lookup("urls", "url").map(ConfigTree.Entry::value));
                    if (!urls.isEmpty()) {
                        entry.put("urls", urls);
                    }
                    remotes.add(entry);
                }
            }
            if (!remotes.isEmpty()) {
                gateway.put("gateways", remotes);
            }
            tree.lookup("reject_unknown", "reject_unknown_cluster").filter(entry -> entry.value().asBoolean())
                    .ifPresent(entry -> gateway.put("reject_unknown", true));
        });
        return gateway;
    }

    static Map<String, Object> leaf(ServerOptions options) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        options.block("leafnodes").ifPresent(tree -> {
            putText(leaf, "host", host(tree));
            port(tree).ifPresent(port -> leaf.put("port", port));
            if (port(tree).isPresent()) {
                leaf.put("auth_timeout", authTimeout(tree));
            }
            putTls(leaf, tree);
            List<Map<String, Object>> remotes = new ArrayList<>();
            for (ConfigValue remote : list(tree, "remotes")) {
                if (remote.is(ConfigValue.Kind.MAP)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    putText(entry, "local_account", text(remote.asTree(), "account", "local"));
                    List<String> urls = hosts(remote.asTree().lookup("urls", "url").map(ConfigTree.Entry::value));
                    if (!urls.isEmpty()) {
                        entry.put("urls", urls);
                    }
                    remotes.add(entry);
                }
            }
            if (!remotes.isEmpty()) {
                leaf.put("remotes", remotes);
            }
        });
        return leaf;
    }

    static Map<String, Object> mqtt(ServerOptions options) {
        Map<String, Object> mqtt = new LinkedHashMap<>();
        options.block("mqtt").ifPresent(tree -> {
            putText(mqtt, "host", host(tree));
            port(tree).ifPresent(port -> mqtt.put("port", port));
            putText(mqtt, "no_auth_user", text(tree, "no_auth_user"));
            putTls(mqtt, tree);
        });
        return mqtt;
    }

    static Map<String, Object> websocket(ServerOptions options) {
        Map<String, Object> websocket = new LinkedHashMap<>();
        options.block("websocket").ifPresent(tree -> {
            putText(websocket, "host", host(tree));
            port(tree).ifPresent(port -> websocket.put("port", port));
            putText(websocket, "advertise", text(tree, "advertise"));
            putText(websocket, "no_auth_user", text(tree, "no_auth_user"));
            putText(websocket, "jwt_cookie", text(tree, "jwt_cookie"));
            duration(tree, "handshake_timeout").ifPresent(timeout -> websocket.put("handshake_timeout", timeout.toNanos()));
            putFlag(websocket, tree, "no_tls");
            putFlag(websocket, tree, "same_origin");
            List<String> origins = list(tree, "allowed_origins").stream().map(ConfigValue::asString).toList();
            if (!origins.isEmpty()) {
                websocket.put("allowed_origins", origins);
            }
            putFlag(websocket, tree, "compression");
        });
        return websocket;
    }

    static String gatewayName(ServerOptions options) {
        return options.block("gateway").map(tree -> text(tree, "name")).orElse("");
    }

    /** The port of a block, from {@code port} or {@code listen}. */
    static Optional<Integer> port(ConfigTree tree) {
        Optional<Integer> listen = tree.lookup("listen").map(entry -> listen(entry.value()).port());
        return tree.lookup("port").map(entry -> (int) entry.value().asLong()).or(() -> listen).filter(port -> port != 0);
    }

    private static String host(ConfigTree tree) {
        String host = text(tree, "host", "net");
        if (!host.isEmpty()) {
            return host;
        }
        return tree.lookup("listen").map(entry -> listen(entry.value()).host()).orElse("");
    }

    private static HostPort listen(ConfigValue value) {
        try {
            return HostPort.ofSetting(value, "listen");
        } catch (ConfigException e) {
            return new HostPort("", 0);
        }
    }

    private static Number authTimeout(ConfigTree tree) {
        return tree.lookup("authorization").filter(entry -> entry.value().is(ConfigValue.Kind.MAP))
                .flatMap(entry -> duration(entry.value().asTree(), "timeout"))
                .<Number>map(Varz::seconds).orElse(DEFAULT_AUTH_TIMEOUT);
    }

    /** The TLS fields of a link block; its handshake timeout is there with or without TLS, as in nats-server. */
    private static void putTls(Map<String, Object> block, ConfigTree tree) {
        Optional<ConfigTree> configured = tree.lookup("tls").filter(entry -> entry.value().is(ConfigValue.Kind.MAP))
                .map(entry -> entry.value().asTree());
        block.put("tls_timeout", configured.flatMap(tls -> duration(tls, "timeout")).<Number>map(Varz::seconds)
                .orElse(DEFAULT_TLS_TIMEOUT));
        configured.ifPresent(tls -> {
            block.put("tls_required", true);
            if (tls.lookup("verify").map(verify -> verify.value().asBoolean()).orElse(false)) {
                block.put("tls_verify", true);
            }
        });
    }

    private static Optional<Duration> duration(ConfigTree tree, String key) {
        try {
            return tree.lookup(key).map(entry -> Durations.parse(entry.value()));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static void putFlag(Map<String, Object> block, ConfigTree tree, String key) {
        if (tree.lookup(key).filter(entry -> entry.value().is(ConfigValue.Kind.BOOLEAN))
                .map(entry -> entry.value().asBoolean()).orElse(false)) {
            block.put(key, true);
        }
    }

    private static void putText(Map<String, Object> block, String key, String value) {
        if (!value.isEmpty()) {
            block.put(key, value);
        }
    }

    private static String text(ConfigTree tree, String... keys) {
        return tree.lookup(keys).map(ConfigTree.Entry::value).filter(value -> value.is(ConfigValue.Kind.STRING))
                .map(ConfigValue::asString).orElse("");
    }

    private static List<ConfigValue> list(ConfigTree tree, String key) {
        return tree.lookup(key).map(ConfigTree.Entry::value).filter(value -> value.is(ConfigValue.Kind.ARRAY))
                .map(ConfigValue::asList).orElse(List.of());
    }

    /** URLs as nats-server shows them in {@code /varz}: host and port only. */
    private static List<String> hosts(Optional<ConfigValue> urls) {
        List<String> hosts = new ArrayList<>();
        urls.ifPresent(value -> {
            List<ConfigValue> all = value.is(ConfigValue.Kind.ARRAY) ? value.asList() : List.of(value);
            for (ConfigValue url : all) {
                if (url.is(ConfigValue.Kind.STRING)) {
                    String text = url.asString();
                    int scheme = text.indexOf("://");
                    String rest = scheme < 0 ? text : text.substring(scheme + 3);
                    int at = rest.lastIndexOf('@');
                    rest = at < 0 ? rest : rest.substring(at + 1);
                    int slash = rest.indexOf('/');
                    hosts.add(slash < 0 ? rest : rest.substring(0, slash));
                }
            }
        });
        return hosts;
    }
}
