package io.switchboard.core.protocol;

/**
 * A client broke the protocol. {@code clientError} is the text nats-server sends back as
 * {@code -ERR '...'} (null when it sends nothing); the connection is closed afterwards.
 */
public final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final String clientError;

    public ProtocolViolation(String clientError, String logMessage) {
        super(logMessage, null, false, false);
        this.clientError = clientError;
    }

    public String clientError() {
        return clientError;
    }
}
