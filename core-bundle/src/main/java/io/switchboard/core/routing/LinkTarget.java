package io.switchboard.core.routing;

import java.util.List;

/**
 * A link connection (route, gateway, leaf node) as the router sees it: the subscriber behind
 * every piece of remote interest that came over it. However many of its interests match a
 * message, the link gets the message once, with the queue groups it was picked for.
 */
public abstract class LinkTarget extends DeferredFlush {

    /** What is on the other side of a link, which decides what its interest and messages reach. */
    public enum Role {
        /** Another server of this cluster. */
        ROUTE,
        /** A server of another cluster. */
        GATEWAY,
        /** A leaf node that connected to this server: this server is its hub. */
        SPOKE,
        /** The hub this server connected to as a leaf node. */
        HUB;

        public boolean isLeaf() {
            return this == SPOKE || this == HUB;
        }
    }

    /**
     * Queues one message for the remote server without waiting for any socket; {@code queues}
     * names the groups this link was picked for, empty when it only has plain interest.
     * Returns false when the link did not take it (closed, too far behind).
     */
    public abstract boolean forward(Account account, Message message, List<String> queues);

    public Role role() {
        return Role.ROUTE;
    }

    /**
     * Whether this link leads to another cluster: its queue members are a last resort, and what it
     * brings also goes over routes.
     */
    public final boolean isGateway() {
        return role() == Role.GATEWAY;
    }

    /**
     * The cluster the remote leaf server belongs to, null when it names none: a message that came
     * from one of that cluster's leaf connections does not go back to another of them.
     */
    public String origin() {
        return null;
    }

    /** The remote server's answer time to a PING; among gateways, the lowest takes a queue message. */
    public long roundTripNanos() {
        return 0;
    }
}
