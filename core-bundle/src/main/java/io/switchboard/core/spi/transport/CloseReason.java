package io.switchboard.core.spi.transport;

import io.netty.util.AttributeKey;

/**
 * Why the core closes a client connection, named and worded as nats-server names its closed
 * states. The core sets it as the channel attribute {@link #KEY} before it closes the channel, so
 * a transport that can tell its peer why (a WebSocket close frame) finds it in its outbound
 * {@code close}. The first reason set wins; a channel closed for any other cause has none.
 */
public enum CloseReason {
    CLIENT_CLOSED("Client Closed"),
    READ_ERROR("Read Error"),
    PARSE_ERROR("Parse Error"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    /** @since 1.2 */
    AUTHENTICATION_EXPIRED("Authentication Expired"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    STALE_CONNECTION("Stale Connection"),
    PROTOCOL_VIOLATION("Protocol Violation"),
    BAD_CLIENT_PROTOCOL_VERSION("Bad Client Protocol Version"),
    MAX_CONNECTIONS_EXCEEDED("Maximum Connections Exceeded"),
    MAX_PAYLOAD_EXCEEDED("Maximum Message Payload Exceeded"),
    MAX_CONTROL_LINE_EXCEEDED("Maximum Control Line Exceeded"),
    NO_RESPONDERS_REQUIRES_HEADERS("No Responders Requires Headers"),
    SERVER_SHUTDOWN("Server Shutdown");

    /** The channel attribute holding the reason. */
    public static final AttributeKey<CloseReason> KEY = AttributeKey.valueOf(CloseReason.class, "closeReason");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    /** nats-server's wording, as its monitoring and WebSocket close frames show it. */
    public String text() {
        return text;
    }
}
