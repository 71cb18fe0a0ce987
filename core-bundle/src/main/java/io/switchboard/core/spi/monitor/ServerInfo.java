package io.switchboard.core.spi.monitor;

import io.switchboard.core.config.ServerOptions;

import java.time.Instant;

/**
 * Who the server is and what it runs with.
 *
 * @param serverId the server's public NKey, as INFO's {@code server_id}
 * @param serverName the configured name, else the server id
 * @param version the nats-server version whose protocol the server speaks
 * @param proto the client protocol version
 * @param host the client listen host
 * @param port the client port actually bound (the configured one until the listener is up)
 * @param start when the server started
 * @param configLoadTime when the configuration was last loaded or reloaded
 * @param options the settings in force
 */
public record ServerInfo(String serverId, String serverName, String version, int proto, String host, int port,
                         Instant start, Instant configLoadTime, ServerOptions options) {
}
