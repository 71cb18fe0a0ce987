package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.SubscriptionView;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields {@code /routez}, {@code /gatewayz} and {@code /leafz} write alike for a link connection. */
final class LinkFields {

    private LinkFields() {
    }

    static void putTraffic(Map<String, Object> info, LinkView link) {
        info.put("in_msgs", link.inMsgs());
        info.put("out_msgs", link.outMsgs());
        info.put("in_bytes", link.inBytes());
        info.put("out_bytes", link.outBytes());
        info.put("subscriptions", link.subscriptionCount());
    }

    static void putSubscriptions(Map<String, Object> info, LinkView link, Query.Subscriptions subs) {
        if (link.subscriptions().isEmpty()) {
            return;
        }
        if (subs == Query.Subscriptions.DETAIL) {
            info.put("subscriptions_list_detail", link.subscriptions().stream()
                    .map(sub -> Subsz.detail(sub, false)).toList());
        } else if (subs == Query.Subscriptions.SUBJECTS) {
            info.put("subscriptions_list", link.subscriptions().stream().map(SubscriptionView::subject).toList());
        }
    }

    /** A gateway connection as a ConnInfo, the way {@code /gatewayz} nests it. */
    static Map<String, Object> connInfo(LinkView link, String kind, Instant now) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("cid", link.id());
        info.put("kind", kind);
        info.put("ip", link.ip());
        info.put("port", link.port());
        info.put("start", GoText.time(link.start()));
        info.put("last_activity", GoText.time(link.lastActivity()));
        info.put("rtt", GoText.rtt(link.rttNanos()));
        info.put("uptime", GoText.uptime(link.start(), now));
        info.put("idle", GoText.uptime(link.lastActivity(), now));
        info.put("pending_bytes", link.pendingBytes());
        putTraffic(info, link);
        // nats-server names a gateway connection by the peer's server id
        Connz.putIfNotEmpty(info, "name", link.description().remoteId());
        return info;
    }
}
