package io.switchboard.core.client;

import io.netty.channel.Channel;
import io.switchboard.core.spi.transport.CloseReason;

/** Records on a channel why the core closes it, for transports that tell their peer. */
final class CloseReasons {

    private CloseReasons() {
    }

    static void record(Channel channel, CloseReason reason) {
        channel.attr(CloseReason.KEY).setIfAbsent(reason);
    }

    /** Records the reason that goes with the {@code -ERR} text sent before closing (null when none is sent). */
    static void recordForError(Channel channel, String clientError) {
        record(channel, forError(clientError));
    }

    static CloseReason forError(String clientError) {
        if (clientError == null) {
            return CloseReason.PROTOCOL_VIOLATION;
        }
        return switch (clientError) {
            case "Authorization Violation" -> CloseReason.AUTHENTICATION_VIOLATION;
            case "Authentication Timeout" -> CloseReason.AUTHENTICATION_TIMEOUT;
            case "Stale Connection" -> CloseReason.STALE_CONNECTION;
            case "maximum connections exceeded" -> CloseReason.MAX_CONNECTIONS_EXCEEDED;
            case "Maximum Payload Violation" -> CloseReason.MAX_PAYLOAD_EXCEEDED;
            case "maximum control line exceeded" -> CloseReason.MAX_CONTROL_LINE_EXCEEDED;
            case "invalid client protocol" -> CloseReason.BAD_CLIENT_PROTOCOL_VERSION;
            case "no responders requires headers support" -> CloseReason.NO_RESPONDERS_REQUIRES_HEADERS;
            default -> CloseReason.PROTOCOL_VIOLATION;
        };
    }
}
