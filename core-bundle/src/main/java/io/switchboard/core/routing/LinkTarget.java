package io.switchboard.core.routing;

import java.util.List;

/**
 * A link connection (route, gateway, leaf node) as the router sees it: the subscriber behind
 * every piece of remote interest that came over it. However many of its interests match a
 * message, the link gets the message once, with the queue groups it was picked for.
 */
public abstract class LinkTarget extends DeferredFlush {

    /**
     * Queues one message for the remote server without waiting for any socket; {@code queues}
     * names the groups this link was picked for, empty when it only has plain interest.
     * Returns false when the link did not take it (closed, too far behind).
     */
    public abstract boolean forward(Account account, Message message, List<String> queues);

    /**
     * Whether this link leads to another cluster: its queue members are a last resort, and what it
     * brings also goes over routes.
     */
    public boolean isGateway() {
        return false;
    }

    /** The remote server's answer time to a PING; among gateways, the lowest takes a queue message. */
    public long roundTripNanos() {
        return 0;
    }
}
