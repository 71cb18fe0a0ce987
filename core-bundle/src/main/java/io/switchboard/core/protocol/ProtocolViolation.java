package io.switchboard.core.protocol;

import io.switchboard.core.spi.transport.CloseReason;

/**
 * A client broke the protocol. {@code clientError} is the text nats-server sends back as
 * {@code -ERR '...'} (null when it sends nothing); the connection is closed afterwards for
 * {@code reason}.
 */
public final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final String clientError;
    private final CloseReason reason;

    public ProtocolViolation(String clientError, String logMessage) {
        this(clientError, logMessage, CloseReason.PROTOCOL_VIOLATION);
    }

    public ProtocolViolation(String clientError, String logMessage, CloseReason reason) {
        super(logMessage, null, false, false);
        this.clientError = clientError;
        this.reason = reason;
    }

    public String clientError() {
        return clientError;
    }

    public CloseReason reason() {
        return reason;
    }
}
