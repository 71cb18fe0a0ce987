package io.switchboard.transport.mqtt;

import io.switchboard.core.config.ServerOptions;

import java.time.Duration;

/**
 * The server's limits as they apply to an MQTT connection.
 *
 * @param maxPayload the largest packet taken, and the largest message payload (the server's {@code max_payload})
 * @param maxPending how many bytes may wait to be written to the client before it is cut as a slow consumer
 * @param connectTimeout how long a new connection has for its CONNECT (the authentication timeout)
 */
record ConnectionLimits(int maxPayload, long maxPending, Duration connectTimeout) {

    static ConnectionLimits of(ServerOptions options, MqttSettings settings) {
        Duration timeout = settings.authorization().timeout().isZero() ? options.authTimeout() : settings.authorization().timeout();
        return new ConnectionLimits(options.maxPayload(), options.maxPending(), timeout);
    }
}
