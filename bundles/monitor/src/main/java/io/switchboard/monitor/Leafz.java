package io.switchboard.monitor;

import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.SubscriptionView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nats-server's {@code /leafz}: the leaf node connections, with their interest on {@code subs=1},
 * of one local account with {@code acc=}.
 */
final class Leafz {

    private final ServerMonitor server;

    Leafz(ServerMonitor server) {
        this.server = server;
    }

    /** The leaf node connections open now. */
    static List<LinkView> leafs(ServerMonitor server, boolean withSubscriptions) {
        return server.links(LinkKind.LEAF, withSubscriptions);
    }

    Map<String, Object> answer(Query query) {
        boolean subs = query.bool("subs");
        String account = query.text("acc");
        Instant now = Instant.now();
        List<Map<String, Object>> list = new ArrayList<>();
        for (LinkView leaf : leafs(server, subs)) {
            if (!account.isEmpty() && !account.equals(leaf.description().account())) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("account", leaf.description().account());
            info.put("ip", leaf.ip());
            info.put("port", leaf.port());
            info.put("rtt", GoText.rtt(leaf.rttNanos()));
            LinkFields.putTraffic(info, leaf);
            if (subs) {
                info.put("subscriptions_list", leaf.subscriptions().stream().map(SubscriptionView::subject).toList());
            }
            list.add(info);
        }
        Map<String, Object> leafz = new LinkedHashMap<>();
        leafz.put("server_id", server.info().serverId());
        leafz.put("now", GoText.time(now));
        leafz.put("leafnodes", list.size());
        // Go writes a list it never filled as null, and nats-server leaves it unfilled without leaf nodes
        leafz.put("leafs", list.isEmpty() ? null : list);
        return leafz;
    }
}
