/**
 * The contract between the core and link bundles: routes, gateways and leaf nodes, the
 * connections that join this server to others. A link bundle takes the shared event loops from
 * {@link io.switchboard.core.spi.transport.TransportHost}, reads its own block of the
 * configuration from {@link io.switchboard.core.spi.link.LinkHost#options()}, and for each of
 * its connections opens a {@link io.switchboard.core.spi.link.LinkSession}: the remote
 * server's interest goes into the accounts' subject indexes with the connection as subscriber,
 * and messages that came over it are delivered to this server's own subscribers.
 */
@Version("1.0.0")
@Export
package io.switchboard.core.spi.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
