package io.switchboard.transport.mqtt;

import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.config.TransportAuthorization;
import io.switchboard.core.spi.transport.ClientAuthContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * nats-server's {@code mqtt} block, with the limits of what Switchboard keeps per session.
 *
 * @param host listen host, {@code 0.0.0.0} by default
 * @param port listen port; -1 picks a free one
 * @param tls the {@code tls} block, absent for plain TCP
 * @param authorization the user or token that replaces the server-wide one for MQTT clients, their
 *                      time to authenticate and the user a client without credentials is taken as
 * @param ackWait how long a QoS 1 or 2 message waits for its acknowledgement before it is sent again
 * @param maxAckPending how many QoS 1 and 2 messages a session has unacknowledged at most (its receive maximum)
 * @param maxQueued how many messages a session keeps waiting beyond those, for a client that is away or slow
 * @param maxStoredMessages how many messages all sessions and retained topics keep together
 * @param storeDir where sessions and retained messages are kept
 */
record MqttSettings(String host, int port, Optional<ConfigTree> tls, TransportAuthorization authorization,
                    Duration ackWait, int maxAckPending, int maxQueued,
                    long maxStoredMessages, Path storeDir) {

    static final String BLOCK = "mqtt";
    static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_ACK_PENDING = 1024;
    static final int DEFAULT_MAX_QUEUED = 10_000;
    static final long DEFAULT_MAX_STORED = 1_000_000;

    /**
     * The mqtt settings of a configuration, absent when it has no mqtt block or the block sets
     * no port: nats-server then runs no MQTT listener.
     */
    static Optional<MqttSettings> of(ServerOptions options) {
        return options.block(BLOCK).flatMap(block -> MqttBlock.read(block, options));
    }

    ClientAuthContext authContext() {
        return new ClientAuthContext(authorization.username(), authorization.password(), authorization.token(),
                authorization.noAuthUser(), authorization.timeout(), "");
    }
}
