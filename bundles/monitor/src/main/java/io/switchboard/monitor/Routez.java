package io.switchboard.monitor;

import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.ServerMonitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** nats-server's {@code /routez}: the route connections, with their interest on {@code subs=1|detail}. */
final class Routez {

    private final ServerMonitor server;

    Routez(ServerMonitor server) {
        this.server = server;
    }

    Map<String, Object> answer(Query query) {
        Query.Subscriptions subs = query.subscriptions();
        Instant now = Instant.now();
        List<LinkView> routes = server.links(LinkKind.ROUTE, subs != Query.Subscriptions.NONE);
        List<Map<String, Object>> list = new ArrayList<>(routes.size());
        for (LinkView route : routes) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("rid", route.id());
            info.put("remote_id", route.description().remoteId());
            info.put("did_solicit", route.description().solicited());
            info.put("is_configured", route.description().configured());
            info.put("ip", route.ip());
            info.put("port", route.port());
            info.put("start", GoText.time(route.start()));
            info.put("last_activity", GoText.time(route.lastActivity()));
            info.put("rtt", GoText.rtt(route.rttNanos()));
            info.put("uptime", GoText.uptime(route.start(), now));
            info.put("idle", GoText.uptime(route.lastActivity(), now));
            info.put("pending_size", route.pendingBytes());
            LinkFields.putTraffic(info, route);
            LinkFields.putSubscriptions(info, route, subs);
            list.add(info);
        }
        Map<String, Object> routez = new LinkedHashMap<>();
        routez.put("server_id", server.info().serverId());
        routez.put("now", GoText.time(now));
        routez.put("num_routes", list.size());
        routez.put("routes", list);
        return routez;
    }
}
