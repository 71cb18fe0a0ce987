package io.switchboard.core.spi.monitor;

import org.osgi.annotation.versioning.ProviderType;

/** A read-only view of the running server, registered as a service by the core. */
@ProviderType
public interface ServerMonitor {

    /** Who the server is and the settings it runs with, as last loaded or reloaded. */
    ServerInfo info();

    /** The server's counters at this moment. */
    ServerStatistics statistics();
}
