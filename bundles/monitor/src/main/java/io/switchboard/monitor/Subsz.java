package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.AccountView;
import io.switchboard.core.spi.monitor.IndexStats;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.SubscriptionView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nats-server's {@code /subsz}: the subject indexes' statistics, and with {@code subs=1} the
 * subscriptions of this server's clients, paged and filtered by a {@code test} subject.
 */
final class Subsz {

    /** The fields of the whole answer that the statistics alone do not have. */
    private static final List<String> FULL_ONLY = List.of("server_id", "now", "total", "offset", "limit");

    private static final int DEFAULT_LIMIT = 1024;

    private final ServerMonitor server;

    Subsz(ServerMonitor server) {
        this.server = server;
    }

    /** The HTTP answer: the statistics alone when no subscription is listed, as nats-server writes them. */
    Map<String, Object> answer(Query query) {
        Map<String, Object> subsz = full(query);
        if (subsz.containsKey("subscriptions_list")) {
            return subsz;
        }
        Map<String, Object> stats = new LinkedHashMap<>(subsz);
        FULL_ONLY.forEach(stats::remove);
        return stats;
    }

    /** nats-server's whole Subsz, as a system request gets it: statistics, page and the subscriptions on it. */
    Map<String, Object> full(Query query) {
        boolean subs = query.bool("subs");
        int offset = Math.max(query.integer("offset"), 0);
        int limit = query.integer("limit");
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        String test = query.text("test");
        String account = query.text("acc");
        List<IndexStats> indexes = new ArrayList<>();
        for (AccountView view : server.accounts()) {
            if (account.isEmpty() || view.name().equals(account)) {
                indexes.add(view.index());
            }
        }
        // the test subject is checked even when no list is asked for, as nats-server checks it
        List<SubscriptionView> matching = subs || !test.isEmpty() ? matching(account, test) : List.of();
        List<Map<String, Object>> page = List.of();
        if (subs) {
            List<Map<String, Object>> details = new ArrayList<>(matching.size());
            for (SubscriptionView sub : matching) {
                details.add(detail(sub, true));
            }
            page = details.subList(Math.min(offset, details.size()), Math.min(offset + limit, details.size()));
        }
        Map<String, Object> subsz = new LinkedHashMap<>();
        subsz.put("server_id", server.info().serverId());
        subsz.put("now", GoText.time(Instant.now()));
        subsz.putAll(stats(indexes));
        // nats-server's total is the size of the page, not of the whole list
        subsz.put("total", page.size());
        subsz.put("offset", offset);
        subsz.put("limit", limit);
        if (!page.isEmpty()) {
            subsz.put("subscriptions_list", page);
        }
        return subsz;
    }

    private List<SubscriptionView> matching(String account, String test) {
        try {
            return server.subscriptions(account.isEmpty() ? null : account, test.isEmpty() ? null : test);
        } catch (IllegalArgumentException e) {
            throw new Query.Invalid("invalid test subject, must be valid publish subject: " + test);
        }
    }

    /** Several indexes' statistics added up the way nats-server adds them. */
    static Map<String, Object> stats(List<IndexStats> indexes) {
        long subscriptions = 0;
        long cache = 0;
        long inserts = 0;
        long removes = 0;
        long matches = 0;
        long maxFanout = 0;
        double fanoutSum = 0;
        long cached = 0;
        for (IndexStats index : indexes) {
            subscriptions += index.subscriptions();
            cache += index.cache();
            inserts += index.inserts();
            removes += index.removes();
            matches += index.matches();
            maxFanout = Math.max(maxFanout, index.maxFanout());
            fanoutSum += index.avgFanout() * index.cache();
            cached += index.cache();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("num_subscriptions", subscriptions);
        stats.put("num_cache", cache);
        stats.put("num_inserts", inserts);
        stats.put("num_removes", removes);
        stats.put("num_matches", matches);
        stats.put("cache_hit_rate", 0.0);
        stats.put("max_fanout", maxFanout);
        stats.put("avg_fanout", cached == 0 ? 0.0 : fanoutSum / cached);
        return stats;
    }

    /** One SubDetail; {@code withAccount} as {@code /subsz} gives it, not as {@code /connz} does. */
    static Map<String, Object> detail(SubscriptionView sub, boolean withAccount) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (withAccount) {
            Connz.putIfNotEmpty(detail, "account", sub.account());
        }
        detail.put("subject", sub.subject());
        Connz.putIfNotEmpty(detail, "qgroup", sub.queue());
        detail.put("sid", sub.sid());
        detail.put("msgs", sub.msgs());
        if (sub.max() != 0) {
            detail.put("max", sub.max());
        }
        detail.put("cid", sub.cid());
        return detail;
    }
}
