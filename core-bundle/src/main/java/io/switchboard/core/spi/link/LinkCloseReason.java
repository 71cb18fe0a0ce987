package io.switchboard.core.spi.link;

/**
 * Why a link connection was closed, worded as nats-server words it in
 * {@code Router connection closed: ...}, {@code Gateway connection closed: ...} and
 * {@code Leafnode connection closed: ...}.
 *
 * @since 1.2
 */
public enum LinkCloseReason {
    CLIENT_CLOSED("Client Closed"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    READ_ERROR("Read Error"),
    PARSE_ERROR("Parse Error"),
    PROTOCOL_VIOLATION("Protocol Violation"),
    STALE_CONNECTION("Stale Connection"),
    WRONG_PORT("Incorrect Port"),
    WRONG_GATEWAY("Wrong Gateway"),
    DUPLICATE_ROUTE("Duplicate Route"),
    CLUSTER_NAME_CONFLICT("Cluster Name Conflict"),
    DUPLICATE_SERVER_NAME("Duplicate Server Name"),
    /** @since 1.4 */
    DUPLICATE_LEAF("Duplicate Remote LeafNode Connection"),
    SERVER_SHUTDOWN("Server Shutdown");

    private final String text;

    LinkCloseReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
