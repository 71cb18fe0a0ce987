/**
 * The contract between the core and transport bundles.
 *
 * <p>1.1.0: {@link io.switchboard.core.spi.transport.TransportHost#options()} hands a transport the
 * configuration (its own block included), and
 * {@link io.switchboard.core.spi.transport.TransportHost#clientBootstrap()} a ready listener bootstrap; {@link io.switchboard.core.spi.transport.ClientAuthContext}
 * carries a transport's authentication settings and handshake credentials per channel;
 * {@link io.switchboard.core.spi.transport.CloseReason} tells a transport why the core closes a client;
 * {@link io.switchboard.core.spi.transport.TransportHost#channelType()} is the channel type for
 * outgoing connections.
 *
 * <p>1.2.0: {@link io.switchboard.core.spi.transport.TransportHost#closeClients(String)} closes a
 * stopping transport's clients the way lame duck mode does, and
 * {@link io.switchboard.core.spi.transport.TransportHost#stopTransport} stops a transport in that
 * order; {@link io.switchboard.core.spi.transport.TransportHost#bind} opens a listener and reports
 * when it cannot.
 *
 * <p>1.3.0: {@link io.switchboard.core.spi.transport.ClientAccount} names the account a client was
 * admitted into; {@link io.switchboard.core.spi.transport.ChannelProtocol} lets one transport carry
 * another's protocol (MQTT over WebSocket).
 *
 * <p>1.4.0: {@link io.switchboard.core.spi.transport.ReadTurns}, the read fairness every kind of
 * connection shares: a connection that read a large batch lets the loop's others go first.
 */
@Version("1.4.0")
@Export
package io.switchboard.core.spi.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
