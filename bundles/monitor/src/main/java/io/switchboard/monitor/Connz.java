package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.monitor.ServerMonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nats-server's {@code /connz}: open and recently closed client connections, filtered, sorted and
 * paged as its query options say.
 */
final class Connz {

    private static final int DEFAULT_LIMIT = 1024;
    private static final String GLOBAL_ACCOUNT = "$G";

    private final ServerMonitor server;

    Connz(ServerMonitor server) {
        this.server = server;
    }

    private enum State { OPEN, CLOSED, ANY }

    Map<String, Object> answer(Query query) {
        String sort = query.text("sort");
        boolean auth = query.bool("auth");
        Query.Subscriptions subs = query.subscriptions();
        int offset = Math.max(query.integer("offset"), 0);
        int limit = query.integer("limit");
        long cid = query.unsigned("cid");
        State state = state(query.text("state"));
        String user = query.text("user");
        String account = query.text("acc");
        Comparator<ConnectionView> order = order(sort, Instant.now());
        if ((sort.equals("stop") || sort.equals("reason")) && state != State.CLOSED) {
            throw new Query.Invalid("sort by " + sort + " only valid on closed connections");
        }
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        if (cid > 0) {
            limit = 1;
        }
        Instant now = Instant.now();
        boolean withSubs = subs != Query.Subscriptions.NONE;
        List<ConnectionView> open = state == State.CLOSED ? List.of() : server.connections(withSubs);
        List<ConnectionView> closed = state == State.OPEN ? List.of() : server.closedConnections();
        List<ConnectionView> picked = new ArrayList<>(open.size() + closed.size());
        int total = 0;
        for (List<ConnectionView> list : List.of(open, closed)) {
            for (ConnectionView conn : list) {
                if (!account.isEmpty() && !conn.account().equals(account)) {
                    continue;
                }
                total++;
                if ((cid > 0 && conn.cid() != cid) || (!user.isEmpty() && !conn.authorizedUser().equals(user))) {
                    continue;
                }
                picked.add(conn);
            }
        }
        picked.sort(order);
        int from = Math.min(offset, picked.size());
        int to = Math.min(offset + limit, picked.size());
        List<Map<String, Object>> page = new ArrayList<>(to - from);
        for (ConnectionView conn : picked.subList(from, to)) {
            page.add(info(conn, now, auth, subs));
        }
        Map<String, Object> connz = new LinkedHashMap<>();
        connz.put("server_id", server.info().serverId());
        connz.put("now", GoText.time(now));
        connz.put("num_connections", page.size());
        connz.put("total", total);
        connz.put("offset", offset);
        connz.put("limit", limit);
        connz.put("connections", page);
        return connz;
    }

    private static State state(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "open" -> State.OPEN;
            case "closed" -> State.CLOSED;
            case "any", "all" -> State.ANY;
            default -> throw new Query.Invalid("Error decoding state for " + text);
        };
    }

    /** nats-server's sort keys: counters largest first, times and ids as its own sort does them. */
    private static Comparator<ConnectionView> order(String sort, Instant now) {
        Comparator<ConnectionView> byCid = Comparator.comparingLong(ConnectionView::cid);
        Comparator<ConnectionView> chosen = switch (sort) {
            case "", "cid", "start" -> byCid;
            case "subs" -> Comparator.comparingInt(ConnectionView::subscriptionCount).reversed();
            case "pending" -> Comparator.comparingLong(ConnectionView::pendingBytes).reversed();
            case "msgs_to" -> Comparator.comparingLong(ConnectionView::outMsgs).reversed();
            case "msgs_from" -> Comparator.comparingLong(ConnectionView::inMsgs).reversed();
            case "bytes_to" -> Comparator.comparingLong(ConnectionView::outBytes).reversed();
            case "bytes_from" -> Comparator.comparingLong(ConnectionView::inBytes).reversed();
            case "last" -> Comparator.comparing(ConnectionView::lastActivity).reversed();
            case "idle" -> Comparator.comparing((ConnectionView c) -> Duration.between(c.start(), c.lastActivity()))
                    .reversed();
            case "uptime" -> Comparator.comparing((ConnectionView c) ->
                    Duration.between(c.start(), c.stop() == null ? now : c.stop()));
            case "stop" -> Comparator.comparing(ConnectionView::stop, Comparator.nullsLast(Comparator.naturalOrder()))
                    .reversed();
            case "reason" -> Comparator.comparing(ConnectionView::reason);
            default -> throw new Query.Invalid("invalid sorting option: " + sort);
        };
        return chosen.thenComparing(byCid);
    }

    /** One ConnInfo, with nats-server's fields in its order; empty optional fields are left out as it leaves them. */
    static Map<String, Object> info(ConnectionView conn, Instant now, boolean auth, Query.Subscriptions subs) {
        Instant end = conn.stop() == null ? now : conn.stop();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("cid", conn.cid());
        info.put("kind", "Client");
        info.put("type", conn.type());
        info.put("ip", conn.ip());
        info.put("port", conn.port());
        info.put("start", GoText.time(conn.start()));
        info.put("last_activity", GoText.time(conn.lastActivity()));
        if (conn.stop() != null) {
            info.put("stop", GoText.time(conn.stop()));
            info.put("reason", conn.reason());
        }
        info.put("rtt", GoText.rtt(conn.rttNanos()));
        info.put("uptime", GoText.uptime(conn.start(), end));
        info.put("idle", GoText.uptime(conn.lastActivity(), end));
        info.put("pending_bytes", conn.pendingBytes());
        info.put("in_msgs", conn.inMsgs());
        info.put("out_msgs", conn.outMsgs());
        info.put("in_bytes", conn.inBytes());
        info.put("out_bytes", conn.outBytes());
        info.put("subscriptions", conn.subscriptionCount());
        putIfNotEmpty(info, "name", conn.name());
        putIfNotEmpty(info, "lang", conn.lang());
        putIfNotEmpty(info, "version", conn.version());
        putIfNotEmpty(info, "tls_version", conn.tlsVersion());
        putIfNotEmpty(info, "tls_cipher_suite", conn.tlsCipher());
        if (auth) {
            putIfNotEmpty(info, "authorized_user", conn.authorizedUser());
            if (!conn.account().equals(GLOBAL_ACCOUNT)) {
                putIfNotEmpty(info, "account", conn.account());
            }
        }
        if (!conn.subscriptions().isEmpty()) {
            if (subs == Query.Subscriptions.DETAIL) {
                info.put("subscriptions_list_detail", conn.subscriptions().stream()
                        .map(sub -> Subsz.detail(sub, false)).toList());
            } else if (subs == Query.Subscriptions.SUBJECTS) {
                info.put("subscriptions_list", conn.subscriptions().stream().map(sub -> sub.subject()).toList());
            }
        }
        return info;
    }

    static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
