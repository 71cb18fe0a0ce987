package io.switchboard.cluster;

import io.switchboard.core.config.CommandLine;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.PermissionsReader;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.link.LinkBlock;
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
        draft.gatewayName(LinkBlock.nameIn(options, "gateway"));
        return draft.build();
    }

    /** The settings as they are being read. */
    private static final class Draft {
        final LinkBlock block = new LinkBlock("Cluster");
        boolean noAdvertise;
        List<LinkUrl> routes = List.of();
        RoutePermissions permissions = RoutePermissions.NONE;

        void read(ConfigTree tree) {
            for (ConfigTree.Entry entry : tree.entries()) {
                if (block.read(entry)) {
                    continue;
                }
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "routes" -> routes(LinkBlock.expect(entry, ConfigValue.Kind.ARRAY).asList());
                    case "cluster_advertise" -> block.advertise(LinkBlock.text(entry));
                    case "no_advertise" -> noAdvertise = LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                    case "permissions" -> permissions = permissions(entry.value());
                    default -> LinkBlock.unknown(entry);
                }
            }
        }

        private void routes(List<ConfigValue> values) {
            List<LinkUrl> read = new ArrayList<>();
            for (ConfigValue value : values) {
                try {
                    read.add(LinkUrl.parse(LinkBlock.expect(value, "routes", ConfigValue.Kind.STRING).asString()));
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
            commandLine.string("cluster_name").ifPresent(block::name);
            commandLine.routes().ifPresent(urls -> routes = urls.stream().map(LinkUrl::parse).toList());
            commandLine.string("cluster_advertise").ifPresent(block::advertise);
            commandLine.bool("no_advertise").ifPresent(flag -> noAdvertise = flag);
            commandLine.integer("connect_retries").ifPresent(flag -> block.connectRetries(flag.intValue()));
        }

        /** {@code --cluster nats://[user:pass@]host:port}; empty turns clustering off. */
        private void clusterFlag(String flag) {
            if (flag.isEmpty()) {
                block.port(0);
                return;
            }
            boolean random = flag.endsWith(":-1");
            LinkUrl url = LinkUrl.parse(random ? flag.substring(0, flag.length() - 3) + ":0" : flag);
            block.host(url.host());
            block.port(random ? -1 : url.port());
            if (url.user() != null && url.password() == null) {
                throw new ConfigException("expected cluster password to be set");
            }
            block.credentials(url.user(), url.password());
        }

        /**
         * The gateway's name is the cluster's, as in nats-server: a cluster without a name takes
         * it, and a different one is an error.
         */
        void gatewayName(String gateway) {
            if (gateway.isEmpty() || gateway.equals(block.name())) {
                return;
            }
            if (!block.name().isEmpty()) {
                throw LinkBlock.nameConflict();
            }
            block.name(gateway);
        }

        ClusterOptions build() {
            return new ClusterOptions(block.name(), block.host().isEmpty() ? ANY_HOST : block.host(), block.port(),
                    block.advertise(), noAdvertise, block.connectRetries(), routes, block.username(),
                    block.password(), block.authTimeout(), permissions, block.tls());
        }
    }
}
