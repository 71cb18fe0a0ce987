/**
 * What the core tells a monitoring bundle: who the server is, the settings it runs with and its
 * counters, as nats-server's {@code /varz} reports them. Read-only; a monitor takes
 * {@link io.switchboard.core.spi.monitor.ServerMonitor} as a service.
 */
@Version("1.0.0")
@Export
package io.switchboard.core.spi.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
