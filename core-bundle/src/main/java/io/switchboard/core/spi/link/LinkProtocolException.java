package io.switchboard.core.spi.link;

/** A peer broke the route, gateway or leaf node protocol; the connection is closed. */
public final class LinkProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean unknownOperation;

    public LinkProtocolException(String message) {
        this(message, false);
    }

    private LinkProtocolException(String message, boolean unknownOperation) {
        super(message, null, false, false);
        this.unknownOperation = unknownOperation;
    }

    /**
     * The peer sent an operation the protocol does not have: nats-server answers it with
     * {@code -ERR 'Unknown Protocol Operation'} before it closes.
     *
     * @since 1.4
     */
    public static LinkProtocolException unknownOperation(String operation) {
        return new LinkProtocolException("unknown operation '" + operation + "'", true);
    }

    /** @since 1.4 */
    public boolean unknownOperation() {
        return unknownOperation;
    }
}
