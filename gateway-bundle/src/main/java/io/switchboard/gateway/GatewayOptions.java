package io.switchboard.gateway;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.link.LinkBlock;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.transport.TlsSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code gateway {}} block, read as nats-server 2.9 reads it. Gateways are on when the block
 * gives both a name and a port.
 *
 * @param port 0 when gateways are off, -1 for a random port
 * @param tls TLS for every gateway connection, both ways, each side presenting a certificate;
 *     empty for none
 * @param gateways the configured remote gateways, this cluster's own entry included
 */
record GatewayOptions(String name, String host, int port, String advertise, int connectRetries,
                      boolean rejectUnknown, String username, String password, Duration authTimeout,
                      Optional<TlsSettings> tls, List<Remote> gateways) {

    /**
     * One entry of {@code gateways: [...]}: a cluster, where to reach it, and the TLS to dial it
     * with when it is not the block's.
     */
    record Remote(String name, List<LinkUrl> urls, Optional<TlsSettings> tls) {
        Remote {
            urls = List.copyOf(urls);
        }

        Remote(String name, List<LinkUrl> urls) {
            this(name, urls, Optional.empty());
        }
    }

    static final GatewayOptions NONE = new GatewayOptions("", "0.0.0.0", 0, "", 0, false, null, null,
            LinkBlock.DEFAULT_AUTH_TIMEOUT, Optional.empty(), List.of());

    GatewayOptions {
        gateways = List.copyOf(gateways);
    }

    boolean enabled() {
        return port != 0;
    }

    boolean authRequired() {
        return username != null && !username.isEmpty();
    }

    /**
     * Reads the block; a name other than the cluster's ({@code cluster { name }} or
     * {@code --cluster_name}) is an error, as in nats-server.
     */
    static GatewayOptions read(ServerOptions options) {
        GatewayOptions read = options.block("gateway").map(GatewayOptions::read).orElse(NONE);
        String cluster = options.commandLine().string("cluster_name")
                .orElseGet(() -> LinkBlock.nameIn(options, "cluster"));
        if (read.enabled() && !cluster.isEmpty() && !cluster.equals(read.name())) {
            throw LinkBlock.nameConflict();
        }
        return read;
    }

    static GatewayOptions read(ConfigTree block) {
        Draft draft = new Draft();
        draft.read(block);
        return draft.build();
    }

    /** The settings as they are being read. */
    private static final class Draft {
        final LinkBlock block = new LinkBlock("Gateway");
        boolean rejectUnknown;
        List<Remote> gateways = List.of();

        void read(ConfigTree tree) {
            for (ConfigTree.Entry entry : tree.entries()) {
                if (block.read(entry)) {
                    continue;
                }
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "reject_unknown", "reject_unknown_cluster" ->
                            rejectUnknown = LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                    case "gateways" -> gateways(LinkBlock.expect(entry, ConfigValue.Kind.ARRAY).asList());
                    default -> LinkBlock.unknown(entry);
                }
            }
        }

        private void gateways(List<ConfigValue> values) {
            List<Remote> read = new ArrayList<>();
            for (ConfigValue value : values) {
                if (!value.is(ConfigValue.Kind.MAP)) {
                    throw new ConfigException(value.position(), "Expected gateway entry to be a map/struct");
                }
                read.add(remote(value.asTree(), read.size()));
            }
            gateways = read;
        }

        private static Remote remote(ConfigTree entry, int index) {
            String remoteName = "";
            List<LinkUrl> urls = new ArrayList<>();
            TlsSettings tls = null;
            for (ConfigTree.Entry field : entry.entries()) {
                switch (field.key().toLowerCase(Locale.ROOT)) {
                    case "name" -> remoteName = LinkBlock.text(field);
                    case "url" -> urls.add(url(field.value()));
                    case "urls" -> {
                        urls.clear();
                        for (ConfigValue url : LinkBlock.expect(field, ConfigValue.Kind.ARRAY).asList()) {
                            urls.add(url(url));
                        }
                    }
                    case "tls" -> tls = LinkBlock.readTls(field);
                    default -> LinkBlock.unknown(field);
                }
            }
            if (remoteName.isEmpty()) {
                throw new ConfigException(entry.position(), "gateway in the list " + index + " has no name");
            }
            if (urls.isEmpty()) {
                throw new ConfigException(entry.position(), "gateway \"" + remoteName + "\" has no URL");
            }
            return new Remote(remoteName, urls, Optional.ofNullable(tls));
        }

        private static LinkUrl url(ConfigValue value) {
            if (!value.is(ConfigValue.Kind.STRING)) {
                throw value.mismatch("url", ConfigValue.Kind.STRING);
            }
            try {
                return LinkUrl.parse(value.asString(), "gateway");
            } catch (ConfigException e) {
                throw new ConfigException(value.position(), e.reason());
            }
        }

        GatewayOptions build() {
            String name = block.name();
            int port = block.port();
            if (name.isEmpty() && port == 0) {
                return NONE;
            }
            if (name.isEmpty()) {
                throw new ConfigException("gateway has no name");
            }
            if (port == 0) {
                throw new ConfigException("gateway \"" + name + "\" has no port specified (select -1 for random port)");
            }
            return new GatewayOptions(name, block.host().isEmpty() ? NONE.host() : block.host(), port,
                    block.advertise(), block.connectRetries(), rejectUnknown, block.username(), block.password(),
                    block.authTimeout(), block.tls(), gateways);
        }
    }
}
