package io.switchboard.monitor;

import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.ServerStatistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The body of nats-server's {@code $SYS.SERVER.<id>.STATSZ} message and of its answer to a server
 * ping: the server's counters, its routes and gateways, and how many servers it hears of.
 */
final class Statsz {

    private final ServerMonitor server;
    private final IntSupplier otherServers;

    /** {@code otherServers} counts the other servers whose statistics reached this one lately. */
    Statsz(ServerMonitor server, IntSupplier otherServers) {
        this.server = server;
        this.otherServers = otherServers;
    }

    Map<String, Object> snapshot() {
        ServerStatistics stats = server.statistics();
        Instant start = server.info().start();
        Map<String, Object> statsz = new LinkedHashMap<>();
        statsz.put("start", GoText.time(start));
        statsz.put("mem", ProcessUsage.residentBytes());
        statsz.put("cores", Runtime.getRuntime().availableProcessors());
        statsz.put("cpu", ProcessUsage.cpuPercent(Duration.between(start, Instant.now())));
        statsz.put("connections", stats.connections());
        statsz.put("total_connections", stats.totalConnections());
        statsz.put("active_accounts", server.accounts().stream()
                .filter(account -> account.clientConnections() + account.leafConnections() > 0).count());
        statsz.put("subscriptions", stats.subscriptions());
        statsz.put("sent", data(stats.outMsgs(), stats.outBytes()));
        statsz.put("received", data(stats.inMsgs(), stats.inBytes()));
        statsz.put("slow_consumers", stats.slowConsumers());
        List<Map<String, Object>> routes = new ArrayList<>();
        for (LinkView route : server.links(LinkKind.ROUTE, false)) {
            Map<String, Object> stat = new LinkedHashMap<>();
            stat.put("rid", route.id());
            Connz.putIfNotEmpty(stat, "name", route.description().remoteName());
            stat.put("sent", data(route.outMsgs(), route.outBytes()));
            stat.put("received", data(route.inMsgs(), route.inBytes()));
            stat.put("pending", route.pendingBytes());
            routes.add(stat);
        }
        if (!routes.isEmpty()) {
            statsz.put("routes", routes);
        }
        List<Map<String, Object>> gateways = gateways();
        if (!gateways.isEmpty()) {
            statsz.put("gateways", gateways);
        }
        statsz.put("active_servers", 1 + otherServers.getAsInt());
        return statsz;
    }

    /** One entry per gateway this server dialled, with the connections the same cluster dialled in. */
    private List<Map<String, Object>> gateways() {
        List<LinkView> links = server.links(LinkKind.GATEWAY, false);
        List<Map<String, Object>> gateways = new ArrayList<>();
        for (LinkView outbound : links) {
            if (!outbound.description().solicited()) {
                continue;
            }
            String name = outbound.description().remoteName();
            long inMsgs = 0;
            long inBytes = 0;
            int inbound = 0;
            for (LinkView other : links) {
                if (!other.description().solicited() && other.description().remoteName().equals(name)) {
                    inMsgs += other.inMsgs();
                    inBytes += other.inBytes();
                    inbound++;
                }
            }
            Map<String, Object> stat = new LinkedHashMap<>();
            stat.put("gwid", outbound.id());
            stat.put("name", name);
            stat.put("sent", data(outbound.outMsgs(), outbound.outBytes()));
            stat.put("received", data(inMsgs, inBytes));
            stat.put("inbound_connections", inbound);
            gateways.add(stat);
        }
        return gateways;
    }

    static Map<String, Object> data(long msgs, long bytes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("msgs", msgs);
        data.put("bytes", bytes);
        return data;
    }
}
