package io.switchboard.core.client;

import java.time.Duration;

/** The per-connection limits of the client protocol, with nats-server's defaults. */
public record ClientLimits(int maxPayload, int maxControlLine, long maxPending, int maxConnections,
                           int maxSubscriptions, Duration pingInterval, int maxPingsOut,
                           Duration authTimeout, Duration writeDeadline, int maxTracedMsgLen) {

    public static final ClientLimits DEFAULTS = new ClientLimits(1024 * 1024, 4096, 64L * 1024 * 1024,
            64 * 1024, 0, Duration.ofMinutes(2), 2, Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
}
