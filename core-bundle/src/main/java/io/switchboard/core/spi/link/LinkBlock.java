package io.switchboard.core.spi.link;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.transport.TlsSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings the {@code cluster {}} and {@code gateway {}} blocks share, read as nats-server 2.9
 * reads them: {@code name}, {@code listen} (or {@code host} and {@code port}), {@code advertise},
 * {@code connect_retries}, {@code authorization} with one user, and {@code tls}, which is mutual
 * on links. A link bundle hands each entry of its block to {@link #read} and reads the others
 * itself.
 *
 * @since 1.2
 */
public final class LinkBlock {

    /** nats-server's default for a link's {@code authorization { timeout }}. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);

    private final String kind;
    private String name = "";
    private String host = "";
    private int port;
    private String advertise = "";
    private int connectRetries;
    private String username;
    private String password;
    private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
    private TlsSettings tls;

    /** {@code kind} names the block in errors, as nats-server does: {@code Cluster}, {@code Gateway}. */
    public LinkBlock(String kind) {
        this.kind = kind;
    }

    /** Reads {@code entry} when it is a shared setting; false when the caller has to. */
    public boolean read(ConfigTree.Entry entry) {
        switch (entry.key().toLowerCase(Locale.ROOT)) {
            case "name" -> name = text(entry);
            case "listen" -> listen(entry.value());
            case "port" -> port = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
            case "host", "net" -> host = text(entry);
            case "advertise" -> advertise = text(entry);
            case "connect_retries" -> connectRetries = (int) expect(entry, ConfigValue.Kind.INTEGER).asLong();
            case "authorization" -> authorization(expect(entry, ConfigValue.Kind.MAP).asTree());
            case "tls" -> tls = readTls(entry);
            default -> {
                return false;
            }
        }
        return true;
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
                        kind + " authorization does not support tokens");
                case "users" -> throw new ConfigException(entry.keyPosition(),
                        kind + " authorization does not allow multiple users");
                default -> unknown(entry);
            }
        }
    }

    /**
     * The {@code name} another bundle's block gives ({@code cluster}, {@code gateway}), empty when
     * none: nats-server requires a cluster's and its gateway's names to be the same.
     */
    public static String nameIn(ServerOptions options, String block) {
        return options.block(block).flatMap(tree -> tree.entries().stream()
                        .filter(entry -> entry.key().equalsIgnoreCase("name")).findFirst())
                .map(LinkBlock::text).orElse("");
    }

    /** The error nats-server gives for a cluster and a gateway named differently. */
    public static ConfigException nameConflict() {
        return new ConfigException("cluster name conflicts between cluster and gateway definitions");
    }

    /** A {@code tls {}} block of a link or of one remote. */
    public static TlsSettings readTls(ConfigTree.Entry entry) {
        return TlsSettings.read(expect(entry, ConfigValue.Kind.MAP).asTree());
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    /** The host to listen on; empty when none was given. */
    public String host() {
        return host;
    }

    public void host(String host) {
        this.host = host;
    }

    /** 0 when none was given, -1 for a random one. */
    public int port() {
        return port;
    }

    public void port(int port) {
        this.port = port;
    }

    public String advertise() {
        return advertise;
    }

    public void advertise(String advertise) {
        this.advertise = advertise;
    }

    public int connectRetries() {
        return connectRetries;
    }

    public void connectRetries(int connectRetries) {
        this.connectRetries = connectRetries;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Credentials from a URL such as {@code --cluster nats://user:pass@host:port}. */
    public void credentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public Duration authTimeout() {
        return authTimeout;
    }

    public Optional<TlsSettings> tls() {
        return Optional.ofNullable(tls);
    }

    /** Refuses a key nobody reads, unless it is only there to be referenced as a variable. */
    public static void unknown(ConfigTree.Entry entry) {
        if (!entry.referencedAsVariable()) {
            throw new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
        }
    }

    public static String text(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.STRING).asString();
    }

    public static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
        return expect(entry.value(), entry.key(), kind);
    }

    public static ConfigValue expect(ConfigValue value, String setting, ConfigValue.Kind kind) {
        if (!value.is(kind)) {
            throw value.mismatch(setting, kind);
        }
        return value;
    }
}
