package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.ServerInfo;
import io.switchboard.core.spi.monitor.ServerMonitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code server} block of every system message, as nats-server stamps it: who sends it, and a
 * sequence number that grows with each message this server sends.
 */
final class ServerIdentity {

    private final ServerMonitor server;
    private final AtomicLong sequence = new AtomicLong();

    ServerIdentity(ServerMonitor server) {
        this.server = server;
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
        ServerInfo info = server.info();
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("name", info.serverName());
        block.put("host", info.host());
        block.put("id", info.serverId());
        String cluster = server.clusterName();
        if (!cluster.isEmpty()) {
            block.put("cluster", cluster);
        }
        block.put("ver", info.version());
        block.put("seq", sequence.incrementAndGet());
        block.put("jetstream", false);
        block.put("time", GoText.time(Instant.now()));
        return block;
    }
}
