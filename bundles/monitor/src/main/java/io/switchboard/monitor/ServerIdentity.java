package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.system.SystemHost;

import java.util.Map;

/**
 * Who this server is, as requests filter servers by it, and the {@code server} block of every system
 * message.
 */
final class ServerIdentity {

    private final ServerMonitor server;
    private final SystemHost host;

    ServerIdentity(ServerMonitor server, SystemHost host) {
        this.server = server;
        this.host = host;
    }

    String id() {
        return server.info().serverId();
    }

    String name() {
        return server.info().serverName();
    }

    /** The cluster as nats-server names it in events: the gateway's name, else the cluster's. */
    String cluster() {
        return server.clusterName();
    }

    String host() {
        return server.info().host();
    }

    Map<String, Object> next() {
        return host.stamp();
    }
}
