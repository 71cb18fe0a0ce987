package io.switchboard.cluster;

/** A peer broke the route protocol; the route is closed. */
final class RouteProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    RouteProtocolException(String message) {
        super(message, null, false, false);
    }
}
