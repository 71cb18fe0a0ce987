package io.switchboard.leafnode;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.link.LinkBlock;
import io.switchboard.core.spi.transport.TlsSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code leafnodes {}} block, read as nats-server 2.9 reads it: the accepting side
 * ({@code listen} or {@code host}/{@code port}, {@code advertise}, {@code no_advertise},
 * {@code authorization}) and the remotes this server connects to as a leaf node.
 *
 * @param port 0 when no leaf node connections are accepted, -1 for a random port
 * @param users who may connect, each with the account it is bound to; empty for anybody (when
 *     {@code authRequired} is false)
 * @param reconnect how long a remote waits before it connects again
 * @param tls TLS for accepted leaf nodes, started after this server's INFO; empty for none
 */
record LeafOptions(String host, int port, String advertise, boolean noAdvertise, boolean authRequired,
                   List<LeafUser> users, String account, Duration authTimeout, Duration reconnect,
                   Optional<TlsSettings> tls, List<Remote> remotes) {

    /** nats-server's default reconnect interval of a remote. */
    static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(1);

    /** One user of {@code authorization}: its single {@code user}/{@code password}, or an entry of {@code users}. */
    record LeafUser(String user, String password, String account) {
    }

    /**
     * One entry of {@code remotes: [...]}: where the hub is (its URLs tried in turn), the local
     * account the connection is bound to, its credentials file, the subjects it does not
     * take from the hub ({@code deny_imports}) or send to it ({@code deny_exports}), its TLS
     * ({@code tls {}}, which {@code tls://} and {@code wss://} URLs need), and whether it offers
     * a WebSocket hub compression ({@code ws_compression}).
     */
    record Remote(List<URI> urls, String account, String credentials, List<String> denyImports,
                  List<String> denyExports, boolean noRandomize, Optional<TlsSettings> tls,
                  boolean wsCompression) {
        Remote {
            urls = List.copyOf(urls);
            denyImports = List.copyOf(denyImports);
            denyExports = List.copyOf(denyExports);
        }
    }

    static final LeafOptions NONE = new LeafOptions("0.0.0.0", 0, "", false, false, List.of(), "$G",
            LinkBlock.DEFAULT_AUTH_TIMEOUT, DEFAULT_RECONNECT, Optional.empty(), List.of());

    LeafOptions {
        users = List.copyOf(users);
        remotes = List.copyOf(remotes);
    }

    boolean accepts() {
        return port != 0;
    }

    boolean enabled() {
        return accepts() || !remotes.isEmpty();
    }

    static LeafOptions read(ServerOptions options) {
        Optional<ConfigTree> block = options.block("leafnodes");
        return block.map(LeafOptions::read).orElse(NONE);
    }

    static LeafOptions read(ConfigTree tree) {
        String host = NONE.host();
        int port = 0;
        String advertise = "";
        boolean noAdvertise = false;
        Authorization auth = new Authorization();
        Duration reconnect = DEFAULT_RECONNECT;
        TlsSettings tls = null;
        List<Remote> remotes = List.of();
        for (ConfigTree.Entry entry : tree.entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "listen" -> {
                    LinkBlock listen = new LinkBlock("Leafnode");
                    listen.read(entry);
                    if (!listen.host().isEmpty()) {
                        host = listen.host();
                    }
                    port = listen.port();
                }
                case "port" -> port = (int) LinkBlock.expect(entry, ConfigValue.Kind.INTEGER).asLong();
                case "host", "net" -> host = LinkBlock.text(entry);
                case "advertise", "leafnode_advertise" -> advertise = LinkBlock.text(entry);
                case "no_advertise" -> noAdvertise = LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                case "authorization" -> auth.read(LinkBlock.expect(entry, ConfigValue.Kind.MAP).asTree());
                case "reconnect", "reconnect_delay", "reconnect_interval" ->
                        reconnect = Duration.ofSeconds(LinkBlock.expect(entry, ConfigValue.Kind.INTEGER).asLong());
                case "remotes" -> remotes = remotes(LinkBlock.expect(entry, ConfigValue.Kind.ARRAY).asList());
                case "tls" -> tls = LinkBlock.readTls(entry);
                default -> LinkBlock.unknown(entry);
            }
        }
        return new LeafOptions(host, port, advertise, noAdvertise, auth.required(), auth.users(), auth.account,
                auth.timeout, reconnect, Optional.ofNullable(tls), remotes);
    }

    /** {@code authorization}: one user, or {@code users}, and the account they are bound to. */
    private static final class Authorization {
        String user;
        String password;
        String account = "$G";
        Duration timeout = LinkBlock.DEFAULT_AUTH_TIMEOUT;
        final List<LeafUser> users = new ArrayList<>();

        void read(ConfigTree block) {
            for (ConfigTree.Entry entry : block.entries()) {
                switch (entry.key().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> user = LinkBlock.text(entry);
                    case "pass", "password" -> password = LinkBlock.text(entry);
                    case "account" -> account = LinkBlock.text(entry);
                    case "timeout" -> timeout = Durations.parse(entry.value());
                    case "users" -> {
                        for (ConfigValue value : LinkBlock.expect(entry, ConfigValue.Kind.ARRAY).asList()) {
                            users.add(user(LinkBlock.expect(value, "users", ConfigValue.Kind.MAP).asTree()));
                        }
                    }
                    default -> LinkBlock.unknown(entry);
                }
            }
            if (user != null && !users.isEmpty()) {
                throw new ConfigException(block.position(),
                        "can not have a single user/pass and a users array");
            }
        }

        private LeafUser user(ConfigTree entry) {
            String name = null;
            String pass = null;
            String bound = null;
            for (ConfigTree.Entry field : entry.entries()) {
                switch (field.key().toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> name = LinkBlock.text(field);
                    case "pass", "password" -> pass = LinkBlock.text(field);
                    case "account" -> bound = LinkBlock.text(field);
                    default -> LinkBlock.unknown(field);
                }
            }
            if (name == null) {
                throw new ConfigException(entry.position(), "user entry requires a user");
            }
            return new LeafUser(name, pass, bound);
        }

        boolean required() {
            return user != null || !users.isEmpty();
        }

        List<LeafUser> users() {
            if (user != null) {
                return List.of(new LeafUser(user, password, account));
            }
            return users.stream().map(u -> u.account() == null ? new LeafUser(u.user(), u.password(), account) : u)
                    .toList();
        }
    }

    private static List<Remote> remotes(List<ConfigValue> values) {
        List<Remote> remotes = new ArrayList<>();
        for (ConfigValue value : values) {
            remotes.add(remote(LinkBlock.expect(value, "remotes", ConfigValue.Kind.MAP).asTree()));
        }
        return remotes;
    }

    private static Remote remote(ConfigTree tree) {
        List<URI> urls = new ArrayList<>();
        String account = "$G";
        String credentials = "";
        List<String> denyImports = List.of();
        List<String> denyExports = List.of();
        boolean noRandomize = false;
        boolean wsCompression = false;
        TlsSettings tls = null;
        for (ConfigTree.Entry entry : tree.entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "url", "urls" -> {
                    urls.clear();
                    for (ConfigValue url : strings(entry.value(), entry.key())) {
                        urls.add(url(url));
                    }
                }
                case "account", "local" -> account = LinkBlock.text(entry);
                case "credentials", "creds" -> credentials = LinkBlock.text(entry);
                case "deny_imports", "deny_import" -> denyImports = texts(entry);
                case "deny_exports", "deny_export" -> denyExports = texts(entry);
                case "no_randomize", "dont_randomize" ->
                        noRandomize = LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                case "hub" -> {
                    if (LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean()) {
                        throw new ConfigException(entry.keyPosition(), "a remote acting as the hub is not supported");
                    }
                }
                case "tls" -> tls = LinkBlock.readTls(entry);
                case "ws_compress", "ws_compression", "websocket_compress", "websocket_compression" ->
                        wsCompression = LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
                case "ws_no_masking", "websocket_no_masking" -> {
                    if (LinkBlock.expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean()) {
                        throw new ConfigException(entry.keyPosition(), "remote setting \"" + entry.key()
                                + "\" is not supported");
                    }
                }
                default -> LinkBlock.unknown(entry);
            }
        }
        if (urls.isEmpty()) {
            throw new ConfigException(tree.position(), "remote leafnode has no url");
        }
        if (tls == null && urls.stream().anyMatch(url -> url.getScheme().equalsIgnoreCase("tls")
                || url.getScheme().equalsIgnoreCase("wss"))) {
            throw new ConfigException(tree.position(), "remote leafnode with a tls:// or wss:// url needs a tls block");
        }
        if (urls.stream().map(WebSocketUpgrade::isWebSocket).distinct().count() > 1) {
            throw new ConfigException(tree.position(),
                    "remote leaf node configuration cannot have a mix of websocket and non-websocket urls");
        }
        return new Remote(urls, account, credentials, denyImports, denyExports, noRandomize,
                Optional.ofNullable(tls), wsCompression);
    }

    private static List<ConfigValue> strings(ConfigValue value, String setting) {
        if (value.is(ConfigValue.Kind.ARRAY)) {
            return value.asList();
        }
        return List.of(LinkBlock.expect(value, setting, ConfigValue.Kind.STRING));
    }

    private static List<String> texts(ConfigTree.Entry entry) {
        return strings(entry.value(), entry.key()).stream()
                .map(v -> LinkBlock.expect(v, entry.key(), ConfigValue.Kind.STRING).asString()).toList();
    }

    private static URI url(ConfigValue value) {
        String text = LinkBlock.expect(value, "url", ConfigValue.Kind.STRING).asString().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(value.position(), "error parsing remote leafnode url: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("nats-leaf", "nats", "tls", "ws", "wss").contains(scheme)) {
            throw new ConfigException(value.position(), "remote leafnode url scheme \"" + scheme
                    + "\" is not supported (nats-leaf://, nats://, tls://, ws:// and wss:// are)");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(value.position(), "error parsing remote leafnode url: missing host");
        }
        return uri;
    }
}
