package io.switchboard.gateway;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.link.LinkUrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code gateway {}} block, read as nats-server 2.9 reads it. Gateways are on when the block
 * gives both a name and a port.
 *
 * @param port 0 when gateways are off, -1 for a random port
 * @param gateways the configured remote gateways, this cluster's own entry included
 */
record GatewayOptions(String name, String host, int port, String advertise, int connectRetries,
                      boolean rejectUnknown, String username, String password, Duration authTimeout,
                      List<Remote> gateways) {

    /** One entry of {@code gateways: [...]}: a cluster and where to reach it. */
    record Remote(String name, List<LinkUrl> urls) {
        Remote {
            urls = List.copyOf(urls);
        }
    }

    static final GatewayOptions NONE = new GatewayOptions("", "0.0.0.0", 0, "", 0, false, null, null,
            Duration.ofSeconds(2), List.of());

    GatewayOptions {
        gateways = List.copyOf(gateways);
    }

    boolean enabled() {
        return port != 0;
    }

    boolean authRequired() {
        return username != null && !username.isEmpty();
    }

    static GatewayOptions read(ServerOptions options) {
        return options.block("gateway").map(GatewayOptions::read).orElse(NONE);
    }

    static GatewayOptions read(ConfigTree block) {
        Draft draft = new Draft();
        draft.read(block);
        return draft.build();
    }

    /** The settings as they are being read. */
    private static final class Draft {
        String name = "";
        String host = "";
        int port;
        String advertise = "";
        int connectRetries;
        boolean rejectUnknown;
        String username;
        String password;
        Duration authTimeout = NONE.authTimeout();
        List<Remote> gateways = List.of();

        void read(ConfigTree block) {
            for (ConfigTree.Entry entry : block.entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "name" -> name = text(entry);
                    case "listen" -> listen(entry.value());
                    case "port" -> port = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
                    case "host", "net" -> host = text(entry);
                    case "authorization" -> authorization(expect(entry, ConfigValue.Kind.MAP).asTree());
                    case "advertise" -> advertise = text(entry);
                    case "connect_retries" -> connectRetries = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
                    case "reject_unknown", "reject_unknown_cluster" ->
                            rejectUnknown = expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                    case "gateways" -> gateways(expect(entry, ConfigValue.Kind.ARRAY).asList());
                    case "tls" -> throw noTls(entry);
                    default -> unknown(entry);
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
                            "Gateway authorization does not support tokens");
                    case "users" -> throw new ConfigException(entry.keyPosition(),
                            "Gateway authorization does not allow multiple users");
                    default -> unknown(entry);
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
            for (ConfigTree.Entry field : entry.entries()) {
                switch (field.key().toLowerCase(Locale.ROOT)) {
                    case "name" -> remoteName = text(field);
                    case "url" -> urls.add(url(field.value()));
                    case "urls" -> {
                        urls.clear();
                        for (ConfigValue url : expect(field, ConfigValue.Kind.ARRAY).asList()) {
                            urls.add(url(url));
                        }
                    }
                    case "tls" -> throw noTls(field);
                    default -> unknown(field);
                }
            }
            if (remoteName.isEmpty()) {
                throw new ConfigException(entry.position(), "gateway in the list " + index + " has no name");
            }
            if (urls.isEmpty()) {
                throw new ConfigException(entry.position(), "gateway \"" + remoteName + "\" has no URL");
            }
            return new Remote(remoteName, urls);
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
            if (name.isEmpty() && port == 0) {
                return NONE;
            }
            if (name.isEmpty()) {
                throw new ConfigException("gateway has no name");
            }
            if (port == 0) {
                throw new ConfigException("gateway \"" + name + "\" has no port specified (select -1 for random port)");
            }
            return new GatewayOptions(name, host.isEmpty() ? NONE.host() : host, port, advertise, connectRetries,
                    rejectUnknown, username, password, authTimeout, gateways);
        }

        private static ConfigException noTls(ConfigTree.Entry entry) {
            return new ConfigException(entry.keyPosition(), "TLS for gateways is not supported by this server");
        }

        private static void unknown(ConfigTree.Entry entry) {
            if (!entry.referencedAsVariable()) {
                throw new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
            }
        }

        private static String text(ConfigTree.Entry entry) {
            return expect(entry, ConfigValue.Kind.STRING).asString();
        }

        private static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
            if (!entry.value().is(kind)) {
                throw entry.value().mismatch(entry.key(), kind);
            }
            return entry.value();
        }
    }
}
