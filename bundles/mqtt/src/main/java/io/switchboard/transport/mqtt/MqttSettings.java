package io.switchboard.transport.mqtt;

import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ServerOptions;
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
 * @param username user that replaces the server-wide single user for MQTT clients; empty for none
 * @param password that user's password
 * @param token token that replaces the server-wide token; empty for none
 * @param authTimeout time MQTT clients have to authenticate; zero for the server's
 * @param noAuthUser the user an MQTT client without credentials is taken as; empty for none
 * @param ackWait how long a QoS 1 or 2 message waits for its acknowledgement before it is sent again
 * @param maxAckPending how many QoS 1 and 2 messages a session has unacknowledged at most (its receive maximum)
 * @param maxQueued how many messages a session keeps waiting beyond those, for a client that is away or slow
 * @param maxStoredMessages how many messages all sessions and retained topics keep together
 * @param storeDir where sessions and retained messages are kept
 */
record MqttSettings(String host, int port, Optional<ConfigTree> tls, String username, String password, String token,
                    Duration authTimeout, String noAuthUser, Duration ackWait, int maxAckPending, int maxQueued,
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
        return new ClientAuthContext(username, password, token, noAuthUser, authTimeout, "");
    }
}
