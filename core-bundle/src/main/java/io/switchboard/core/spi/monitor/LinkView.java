package io.switchboard.core.spi.monitor;

import io.switchboard.core.spi.link.LinkDescription;
import io.switchboard.core.spi.link.LinkKind;

import java.time.Instant;
import java.util.List;

/**
 * One link connection (a route, a gateway, a leaf node) as nats-server's {@code /routez},
 * {@code /gatewayz} and {@code /leafz} show it: what every link has, and what its own protocol
 * tells of the peer.
 *
 * @param kind what kind of link it is
 * @param id its connection id (nats-server's {@code rid}, {@code cid})
 * @param ip the peer's address
 * @param port the peer's port
 * @param start when it connected
 * @param lastActivity when the peer last sent something
 * @param rttNanos the round trip of its last PING, 0 until one was answered
 * @param pendingBytes bytes queued for the peer and not yet taken by the socket
 * @param inMsgs messages the peer sent
 * @param outMsgs messages sent to the peer
 * @param inBytes payload and header bytes the peer sent
 * @param outBytes payload and header bytes sent to the peer
 * @param subscriptionCount the entries of the peer's interest
 * @param subscriptions the peer's interest, when asked for: subject and queue per account (sid and msgs are not kept)
 * @param description what the link's protocol learned of the peer
 * @since 1.1
 */
public record LinkView(LinkKind kind, long id, String ip, int port, Instant start, Instant lastActivity,
                       long rttNanos, long pendingBytes, long inMsgs, long outMsgs, long inBytes, long outBytes,
                       int subscriptionCount, List<SubscriptionView> subscriptions, LinkDescription description) {
}
