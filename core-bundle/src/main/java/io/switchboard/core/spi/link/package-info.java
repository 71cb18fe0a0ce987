/**
 * The contract between the core and link bundles: routes, gateways and leaf nodes, the
 * connections that join this server to others. A link bundle takes the shared event loops from
 * {@link io.switchboard.core.spi.transport.TransportHost}, reads its own block of the
 * configuration from {@link io.switchboard.core.spi.link.LinkHost#options()}, and for each of
 * its connections opens a {@link io.switchboard.core.spi.link.LinkSession}: the remote
 * server's interest goes into the accounts' subject indexes with the connection as subscriber,
 * and messages that came over it are delivered to this server's own subscribers.
 *
 * <p>1.1 adds gateways: {@link io.switchboard.core.spi.link.LinkKind} opens a session whose queue
 * members are a last resort and whose messages also go over routes, with its round trip time
 * ({@link io.switchboard.core.spi.link.LinkSession#roundTrip}) choosing among gateways; the interest
 * of the whole cluster ({@link io.switchboard.core.spi.link.LinkHost#watchClusterInterest}); the
 * account names; and the protocol parser both links share
 * ({@link io.switchboard.core.spi.link.LinkParser}, with {@code A+} and {@code A-}); and
 * {@link io.switchboard.core.spi.link.LinkTls}, mutual TLS from the first byte.
 *
 * <p>1.2 lets routes carry gateway information ({@link io.switchboard.core.spi.link.ClusterGateway},
 * {@link io.switchboard.core.spi.link.ClusterRoutes}) and gives both links what they share: the
 * common settings of their blocks ({@link io.switchboard.core.spi.link.LinkBlock}), their channels
 * ({@link io.switchboard.core.spi.link.LinkChannels}) and close reasons
 * ({@link io.switchboard.core.spi.link.LinkCloseReason}).
 *
 * <p>1.3 gives them the mechanics of their connections as well
 * ({@link io.switchboard.core.spi.link.LinkConnection}: reading, writing, pings, the authentication
 * timeout, slow consumers and closing) and the settings their INFO share
 * ({@link io.switchboard.core.spi.link.LinkProtocol#putSettings}).
 *
 * <p>1.4 adds leaf nodes: {@link io.switchboard.core.spi.link.LinkKind#LEAF} sessions opened with
 * {@link io.switchboard.core.spi.link.LinkHost#openLeaf} on either side of the connection, their
 * origin cluster ({@link io.switchboard.core.spi.link.LinkSession#origin(String)}), all interest
 * whoever holds it ({@link io.switchboard.core.spi.link.LinkHost#watchAllInterest}, what a hub tells
 * its leaf nodes), the leaf protocol in {@link io.switchboard.core.spi.link.LinkParser} and
 * {@link io.switchboard.core.spi.link.LinkMessage#controlLine} ({@code LS+}, {@code LS-},
 * {@code LMSG}), leaf connections in {@link io.switchboard.core.spi.link.LinkConnection}, whose
 * handling of a peer's {@code -ERR} may be overridden, and the {@code Unknown Protocol Operation}
 * answer to an operation a link protocol does not have.
 *
 * <p>1.5 lets monitoring see each connection: its id, kind, peer address, times, pending and sent
 * counts on {@link io.switchboard.core.spi.link.LinkConnection}, and what its protocol learned of the
 * peer ({@link io.switchboard.core.spi.link.LinkConnection#describe},
 * {@link io.switchboard.core.spi.link.LinkDescription}).
 *
 * <p>1.6 lets a link take a channel another transport accepted and framed
 * ({@link io.switchboard.core.spi.link.LinkChannels#adopt}: leaf nodes over WebSocket), and routes
 * carry leaf node URLs ({@link io.switchboard.core.spi.link.ClusterLeafnodes},
 * {@link io.switchboard.core.spi.link.ClusterRoutes#leafnodesChanged()}).
 *
 * <p>1.7 tells a leaf node connection what its account announces besides subscriptions
 * ({@link io.switchboard.core.spi.link.LinkHost#leafImports}: mapping sources, imported services).
 */
@Version("1.7.0")
@Export
package io.switchboard.core.spi.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
