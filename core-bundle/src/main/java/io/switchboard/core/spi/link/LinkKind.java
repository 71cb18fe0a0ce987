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
    GATEWAY
}
