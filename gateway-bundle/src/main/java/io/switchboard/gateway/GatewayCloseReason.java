package io.switchboard.gateway;

/** Why a gateway connection was closed, worded as nats-server words it. */
enum GatewayCloseReason {
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
    SERVER_SHUTDOWN("Server Shutdown"),
    DUPLICATE_SERVER_NAME("Duplicate Server Name");

    private final String text;

    GatewayCloseReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
