package io.switchboard.core.spi.link;

/** A peer broke the route or gateway protocol; the connection is closed. */
public final class LinkProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public LinkProtocolException(String message) {
        super(message, null, false, false);
    }
}
