package io.switchboard.core.spi.auth;

import java.time.Duration;

/**
 * nats-server's {@code allow_responses}: a client may publish to the reply subject of each
 * request it received, up to {@code maxMessages} times within {@code expires}.
 */
public record ResponsePermission(int maxMessages, Duration expires) {

    /** nats-server's defaults: one response within two minutes. */
    public static final ResponsePermission DEFAULT = new ResponsePermission(1, Duration.ofMinutes(2));
}
