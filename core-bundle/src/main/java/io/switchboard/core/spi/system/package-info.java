/**
 * The system account seen from a bundle: what nats-server's internal system client does. A bundle
 * takes {@link io.switchboard.core.spi.system.SystemHost} as a service to subscribe inside the
 * server ({@link io.switchboard.core.spi.system.SystemHost#subscribe}), to publish as the server
 * ({@link io.switchboard.core.spi.system.SystemHost#publish}) and to hear of clients that connect
 * and disconnect ({@link io.switchboard.core.spi.system.SystemHost#watchClients}): the events and
 * requests of the {@code $SYS} subjects are built on these. An internal subscription is interest
 * like a client's, so routes and gateways carry it to the other servers.
 */
@Version("1.0.0")
@Export
package io.switchboard.core.spi.system;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
