/**
 * What the core tells a monitoring bundle: who the server is, the settings it runs with and its
 * counters, as nats-server's {@code /varz} reports them. Read-only; a monitor takes
 * {@link io.switchboard.core.spi.monitor.ServerMonitor} as a service.
 *
 * <p>1.1 adds what the other endpoints of nats-server show: the open and recently closed client
 * connections ({@link io.switchboard.core.spi.monitor.ConnectionView}) with their subscriptions
 * ({@link io.switchboard.core.spi.monitor.SubscriptionView}), the link connections of each
 * {@link io.switchboard.core.spi.link.LinkKind} ({@link io.switchboard.core.spi.monitor.LinkView}),
 * the accounts ({@link io.switchboard.core.spi.monitor.AccountView}) with their subject indexes'
 * statistics ({@link io.switchboard.core.spi.monitor.IndexStats}), and slow consumers by cause.
 *
 * <p>1.2 tells whether clients must authenticate
 * ({@link io.switchboard.core.spi.monitor.ServerMonitor#authRequired()}) and adds
 * {@link io.switchboard.core.spi.monitor.TransportCounters}: what a transport bundle counts of its
 * own, shown in its {@code /varz} object.
 */
@Version("1.2.0")
@Export
package io.switchboard.core.spi.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
