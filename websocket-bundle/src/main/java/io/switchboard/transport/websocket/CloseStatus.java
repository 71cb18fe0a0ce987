package io.switchboard.transport.websocket;

import io.switchboard.core.spi.transport.CloseReason;

import java.nio.charset.StandardCharsets;

/** RFC 6455 close status codes, and the one nats-server sends for each reason it closes a client. */
final class CloseStatus {

    static final int NORMAL_CLOSURE = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int NO_STATUS_RECEIVED = 1005;
    static final int ABNORMAL_CLOSURE = 1006;
    static final int INVALID_PAYLOAD_DATA = 1007;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_SERVER_ERROR = 1011;

    /** A control frame's payload is at most 125 bytes: 2 for the status, the rest for the text. */
    private static final int MAX_TEXT = 123;

    private CloseStatus() {
    }

    static int of(CloseReason reason) {
        return switch (reason) {
            case CLIENT_CLOSED -> NORMAL_CLOSURE;
            case AUTHENTICATION_TIMEOUT, AUTHENTICATION_VIOLATION, AUTHENTICATION_EXPIRED, SLOW_CONSUMER_PENDING_BYTES,
                    SLOW_CONSUMER_WRITE_DEADLINE, MAX_CONNECTIONS_EXCEEDED, MAX_CONTROL_LINE_EXCEEDED -> POLICY_VIOLATION;
            case PROTOCOL_VIOLATION, PARSE_ERROR, BAD_CLIENT_PROTOCOL_VERSION -> PROTOCOL_ERROR;
            case MAX_PAYLOAD_EXCEEDED -> MESSAGE_TOO_BIG;
            case SERVER_SHUTDOWN -> GOING_AWAY;
            case STALE_CONNECTION, READ_ERROR -> ABNORMAL_CLOSURE;
            case NO_RESPONDERS_REQUIRES_HEADERS -> INTERNAL_SERVER_ERROR;
        };
    }

    /** A close frame's payload: the status, then the text, cut to fit with "..." as nats-server cuts it. */
    static byte[] payload(int status, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_TEXT) {
            byte[] cut = new byte[MAX_TEXT];
            System.arraycopy(body, 0, cut, 0, MAX_TEXT - 3);
            cut[MAX_TEXT - 3] = '.';
            cut[MAX_TEXT - 2] = '.';
            cut[MAX_TEXT - 1] = '.';
            body = cut;
        }
        byte[] payload = new byte[2 + body.length];
        payload[0] = (byte) (status >> 8);
        payload[1] = (byte) status;
        System.arraycopy(body, 0, payload, 2, body.length);
        return payload;
    }
}
