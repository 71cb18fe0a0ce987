package io.switchboard.core.spi.link;

/** What kind of link a connection is; the router treats their interest and messages differently. */
public enum LinkKind {
    /**
     * A route to another server of this cluster: its queue members are picked like local ones,
     * and what it brings goes to this server's own subscribers only.
     */
    ROUTE,
    /**
     * A gateway to another cluster: its queue members are picked only when a group has no member
     * in this cluster (the nearest gateway by round trip first), and what it brings goes to this
     * server's subscribers and on over routes, never to another gateway.
     */
    GATEWAY,
    /**
     * A leaf node connection, opened with {@link LinkHost#openLeaf}: as nats-server treats its
     * leaf connections, its queue members are picked only when a group has no member in this
     * cluster, and what it brings reaches this server's subscribers, the gateways and the other
     * leaf connections, never itself. On the side that connected (the spoke, towards its hub) what
     * the hub brings does not go over routes, for each server of a leaf cluster has its own
     * connection to the hub; on the side that accepted (the hub) a spoke's interest and messages
     * go on as a client's do.
     *
     * @since 1.4
     */
    LEAF
}
