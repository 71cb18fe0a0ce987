package io.switchboard.cluster;

import io.switchboard.core.config.CommandLine;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.PermissionsReader;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TlsSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code cluster {}} block and the cluster flags, read as nats-server 2.9 reads them: the
 * block first, then {@code --cluster}, {@code --cluster_name}, {@code --routes},
 * {@code --cluster_advertise}, {@code --no_advertise} and {@code --connect_retries} over it.
 * Clustering is on when there is a cluster port.
 *
 * @param name the cluster name; empty when none was given (a name is then made up and may give
 *     way to a peer's)
 * @param port 0 when clustering is off, -1 for a random port
 * @param tls TLS for every route, both ways, each side presenting a certificate; empty for none
 */
record ClusterOptions(String name, String host, int port, String advertise, boolean noAdvertise,
                      int connectRetries, List<LinkUrl> routes, String username, String password,
                      Duration authTimeout, RoutePermissions permissions, Optional<TlsSettings> tls) {

    private static final String ANY_HOST = "0.0.0.0";
    private static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);

    ClusterOptions {
        routes = List.copyOf(routes);
    }

    boolean enabled() {
        return port != 0;
    }

    boolean authRequired() {
        return username != null && !username.isEmpty();
    }

    /** Whether {@code url} is one of the routes configured (rather than learned from a peer). */
    boolean isConfigured(LinkUrl url) {
        return routes.stream().anyMatch(url::samePlace);
    }

    static ClusterOptions read(ServerOptions options) {
        Draft draft = new Draft();
        options.block("cluster").ifPresent(draft::read);
        draft.apply(options.commandLine());
        return draft.build();
    }

    /** The settings as they are being read. */
    private static final class Draft {
        String name = "";
        String host = "";
        int port;
        String advertise = "";
        boolean noAdvertise;
        int connectRetries;
        List<LinkUrl> routes = List.of();
        String username;
        String password;
        Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        RoutePermissions permissions = RoutePermissions.NONE;
        TlsSettings tls;

        void read(ConfigTree block) {
            for (ConfigTree.Entry entry : block.entries()) {
                ConfigValue value = entry.value();
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "name" -> name = text(entry);
                    case "listen" -> listen(value);
                    case "port" -> port = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
                    case "host", "net" -> host = text(entry);
                    case "authorization" -> authorization(expect(entry, ConfigValue.Kind.MAP).asTree());
                    case "routes" -> routes(expect(entry, ConfigValue.Kind.ARRAY).asList());
                    case "cluster_advertise", "advertise" -> advertise = text(entry);
                    case "no_advertise" -> noAdvertise = expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                    case "connect_retries" -> connectRetries = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
                    case "permissions" -> permissions = permissions(value);
                    case "tls" -> tls = TlsSettings.read(expect(entry, ConfigValue.Kind.MAP).asTree());
                    default -> {
                        if (!entry.referencedAsVariable()) {
                            throw new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
                        }
                    }
                }
            }
        }

        private void listen(ConfigValue value) {
            HostPort listen = HostPort.ofSetting(value, "listen");
            if (!listen.host().isEmpty()) {
                host = listen.host();
            }
            port = listen.port();
        }

        private void authorization(ConfigTree block) {
            for (ConfigTree.Entry entry : block.entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> username = text(entry);
                    case "pass", "password" -> password = text(entry);
                    case "timeout" -> authTimeout = Durations.parse(entry.value());
                    case "token" -> throw new ConfigException(entry.keyPosition(),
                            "Cluster authorization does not support tokens");
                    case "users" -> throw new ConfigException(entry.keyPosition(),
                            "Cluster authorization does not allow multiple users");
                    default -> {
                        if (!entry.referencedAsVariable()) {
                            throw new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
                        }
                    }
                }
            }
        }

        private void routes(List<ConfigValue> values) {
            List<LinkUrl> read = new ArrayList<>();
            for (ConfigValue value : values) {
                try {
                    read.add(LinkUrl.parse(expectValue(value, "routes", ConfigValue.Kind.STRING).asString()));
                } catch (ConfigException e) {
                    throw new ConfigException(value.position(), e.reason());
                }
            }
            routes = read;
        }

        /** nats-server's permissions map: {@code import} is publish, {@code export} is subscribe. */
        private static RoutePermissions permissions(ConfigValue value) {
            Permissions read = PermissionsReader.read(value);
            if (read.responses().isPresent()) {
                throw new ConfigException(value.position(), "Cluster permissions do not support dynamic responses");
            }
            return new RoutePermissions(read.publish(), read.subscribe());
        }

        /** The flags win over the file, as in nats-server. */
        void apply(CommandLine commandLine) {
            commandLine.string("cluster").ifPresent(this::clusterFlag);
            commandLine.string("cluster_name").ifPresent(flag -> name = flag);
            commandLine.routes().ifPresent(urls -> routes = urls.stream().map(LinkUrl::parse).toList());
            commandLine.string("cluster_advertise").ifPresent(flag -> advertise = flag);
            commandLine.bool("no_advertise").ifPresent(flag -> noAdvertise = flag);
            commandLine.integer("connect_retries").ifPresent(flag -> connectRetries = flag.intValue());
        }

        /** {@code --cluster nats://[user:pass@]host:port}; empty turns clustering off. */
        private void clusterFlag(String flag) {
            if (flag.isEmpty()) {
                port = 0;
                return;
            }
            boolean random = flag.endsWith(":-1");
            LinkUrl url = LinkUrl.parse(random ? flag.substring(0, flag.length() - 3) + ":0" : flag);
            host = url.host();
            port = random ? -1 : url.port();
            if (url.user() != null && url.password() == null) {
                throw new ConfigException("expected cluster password to be set");
            }
            username = url.user();
            password = url.password();
        }

        ClusterOptions build() {
            return new ClusterOptions(name, host.isEmpty() ? ANY_HOST : host, port, advertise, noAdvertise,
                    connectRetries, routes, username, password, authTimeout, permissions, Optional.ofNullable(tls));
        }

        private static String text(ConfigTree.Entry entry) {
            return expect(entry, ConfigValue.Kind.STRING).asString();
        }

        private static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
            return expectValue(entry.value(), entry.key(), kind);
        }

        private static ConfigValue expectValue(ConfigValue value, String setting, ConfigValue.Kind kind) {
            if (!value.is(kind)) {
                throw value.mismatch(setting, kind);
            }
            return value;
        }
    }
}
