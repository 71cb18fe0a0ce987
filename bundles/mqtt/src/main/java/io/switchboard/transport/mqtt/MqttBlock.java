package io.switchboard.transport.mqtt;

import io.switchboard.core.config.BlockReader;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.HostPort;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.config.TransportAuthorization;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads an {@code mqtt} block's keys as nats-server 2.9 spells them, and Switchboard's own limits. */
final class MqttBlock {

    private final ConfigTree block;
    private String host = "";
    private int port;
    private Optional<ConfigTree> tls = Optional.empty();
    private TransportAuthorization authorization = TransportAuthorization.NONE;
    private Duration ackWait = MqttSettings.DEFAULT_ACK_WAIT;
    private int maxAckPending = MqttSettings.DEFAULT_MAX_ACK_PENDING;
    private int maxQueued = MqttSettings.DEFAULT_MAX_QUEUED;
    private long maxStored = MqttSettings.DEFAULT_MAX_STORED;
    private String storeDir = "";

    private MqttBlock(ConfigTree block) {
        this.block = block;
    }

    static Optional<MqttSettings> read(ConfigTree block, ServerOptions options) {
        MqttBlock reader = new MqttBlock(block);
        block.entries().forEach(reader::apply);
        if (reader.port == 0) {
            return Optional.empty();
        }
        reader.validate(options);
        return Optional.of(new MqttSettings(reader.host.isEmpty() ? "0.0.0.0" : reader.host, reader.port, reader.tls,
                reader.authorization, reader.ackWait, reader.maxAckPending, reader.maxQueued, reader.maxStored, reader.storeDir(options)));
    }

    private void apply(ConfigTree.Entry entry) {
        switch (entry.key().toLowerCase(Locale.ROOT)) {
            case "listen" -> {
                HostPort listen = HostPort.ofSetting(entry.value(), entry.key());
                host = listen.host();
                port = listen.port();
            }
            case "port" -> port = BlockReader.integer(entry);
            case "host", "net" -> host = BlockReader.string(entry);
            case "tls" -> tls = Optional.of(BlockReader.map(entry));
            case "authorization", "authentication" -> authorization = authorization.withBlock(BlockReader.map(entry));
            case "no_auth_user" -> authorization = authorization.withNoAuthUser(BlockReader.string(entry));
            case "ack_wait", "ackwait" -> ackWait = BlockReader.duration(entry);
            case "max_ack_pending", "max_pending", "max_inflight" -> maxAckPending = BlockReader.integer(entry);
            case "js_domain", "stream_replicas", "consumer_replicas", "consumer_memory_storage",
                 "consumer_inactive_threshold", "consumer_auto_cleanup" -> {
                // JetStream's placement of MQTT state: Switchboard keeps that state in its own store
            }
            case "max_queued_messages" -> maxQueued = BlockReader.integer(entry);
            case "max_stored_messages" -> maxStored = BlockReader.integer(entry);
            case "store_dir" -> storeDir = BlockReader.string(entry);
            default -> BlockReader.rejectUnknown(entry);
        }
    }

    private void validate(ServerOptions options) {
        authorization.check(options, "mqtt", block.position());
        if (maxAckPending <= 0 || maxAckPending > 65535) {
            throw problem("mqtt max_ack_pending must be between 1 and 65535, got " + maxAckPending);
        }
        if (maxQueued < 0 || maxStored <= 0) {
            throw problem("mqtt max_queued_messages and max_stored_messages must be positive");
        }
    }

    /**
     * The block's {@code store_dir}, else an {@code mqtt} folder in the server's {@code store_dir}
     * (JetStream's, where nats-server keeps its MQTT state), else in the installation's {@code data/}.
     */
    private Path storeDir(ServerOptions options) {
        if (!storeDir.isEmpty()) {
            return Path.of(storeDir);
        }
        Optional<String> serverDir = options.raw("store_dir").or(() -> options.block("jetstream")
                        .flatMap(js -> js.lookup("store_dir", "storedir").map(ConfigTree.Entry::value)))
                .filter(v -> v.is(ConfigValue.Kind.STRING)).map(ConfigValue::asString);
        return serverDir.map(dir -> Path.of(dir, "mqtt"))
                .orElseGet(() -> Path.of(System.getProperty("switchboard.home", "."), "data", "mqtt"));
    }

    private ConfigException problem(String reason) {
        return new ConfigException(block.position(), reason);
    }
}
