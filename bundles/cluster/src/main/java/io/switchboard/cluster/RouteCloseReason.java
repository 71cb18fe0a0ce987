package io.switchboard.cluster;

/** Why a route was closed, worded as nats-server words it in "Router connection closed: ...". */
enum RouteCloseReason {
    CLIENT_CLOSED("Client Closed"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    READ_ERROR("Read Error"),
    PARSE_ERROR("Parse Error"),
    STALE_CONNECTION("Stale Connection"),
    WRONG_PORT("Incorrect Port"),
    DUPLICATE_ROUTE("Duplicate Route"),
    SERVER_SHUTDOWN("Server Shutdown"),
    CLUSTER_NAME_CONFLICT("Cluster Name Conflict"),
    DUPLICATE_SERVER_NAME("Duplicate Server Name");

    private final String text;

    RouteCloseReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
