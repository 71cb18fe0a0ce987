package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.monitor.TransportCounters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The paths the monitoring port serves, under {@code http_base_path}: nats-server's endpoints,
 * and {@code /bundlez} with its management actions. Reads are answered on a thread of their own,
 * never on the event loops the traffic shares (listing 10,000 connections takes a while);
 * management runs on another, one action at a time.
 */
final class Endpoints {

    private static final String ROOT = "/";
    private static final String HEALTHZ = "/healthz";
    private static final String VARZ = "/varz";
    private static final String CONNZ = "/connz";
    private static final String ROUTEZ = "/routez";
    private static final String GATEWAYZ = "/gatewayz";
    private static final String LEAFZ = "/leafz";
    private static final String SUBSZ = "/subsz";
    private static final String SUBSCRIPTIONSZ = "/subscriptionsz";
    private static final String ACCOUNTZ = "/accountz";
    private static final String ACCSTATZ = "/accstatz";
    private static final String BUNDLEZ = "/bundlez";
    private static final String METRICS = "/metrics";

    private final String basePath;
    private final ServerMonitor server;
    private final EndpointAnswers answers;
    private final Metrics metrics;
    private final Page page;
    private final Bundles bundles;
    private final BundleManager manager;
    private final Executor reads;
    private final Executor management;
    private final Map<String, LongAdder> requestStats = new ConcurrentHashMap<>();

    Endpoints(String basePath, ServerMonitor server, Supplier<List<TransportCounters>> transportCounters,
              Bundles bundles, BundleManager manager, Executor reads, Executor management) {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        this.server = server;
        this.answers = EndpointAnswers.of(server, transportCounters);
        this.metrics = new Metrics(new MetricSources());
        this.page = new Page(this.basePath);
        this.bundles = bundles;
        this.manager = manager;
        this.reads = reads;
        this.management = management;
    }

    CompletableFuture<Reply> answer(Request request) {
        if (!request.path().startsWith(basePath)) {
            return CompletableFuture.completedFuture(Reply.notFound());
        }
        String path = request.path().substring(basePath.length());
        if (path.isEmpty()) {
            path = ROOT;
        }
        String action = path.startsWith(BUNDLEZ + "/") ? path.substring(BUNDLEZ.length() + 1) : null;
        if (action != null && BundleManager.ACTIONS.contains(action)) {
            return manage(action, request);
        }
        String read = path;
        return CompletableFuture.supplyAsync(() -> read(read, request), reads);
    }

    private Reply read(String path, Request request) {
        Query query = new Query(request);
        try {
            return switch (path) {
                case ROOT -> {
                    count(ROOT);
                    yield page.index();
                }
                case HEALTHZ -> {
                    count(HEALTHZ);
                    yield healthz(query);
                }
                case VARZ -> {
                    count(VARZ);
                    yield json(answers.varz().snapshot(requestStats()), query);
                }
                case CONNZ -> json(counted(CONNZ, () -> answers.connz().answer(query)), query);
                case ROUTEZ -> json(counted(ROUTEZ, () -> answers.routez().answer(query)), query);
                case GATEWAYZ -> json(counted(GATEWAYZ, () -> answers.gatewayz().answer(query)), query);
                case LEAFZ -> json(counted(LEAFZ, () -> answers.leafz().answer(query)), query);
                case SUBSZ, SUBSCRIPTIONSZ -> json(counted(SUBSZ, () -> answers.subsz().answer(query)), query);
                case ACCOUNTZ -> json(counted(ACCOUNTZ, () -> answers.accountz().accountz(query)), query);
                case ACCSTATZ -> json(counted(ACCSTATZ, () -> answers.accountz().accstatz(query)), query);
                case METRICS -> {
                    count(METRICS);
                    yield new Reply(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape());
                }
                case BUNDLEZ -> {
                    count(BUNDLEZ);
                    yield request.wantsText() ? Reply.text(HttpResponseStatus.OK, bundles.table())
                            : json(Map.of("bundles", bundles.list()), query);
                }
                default -> page.asset(path).orElseGet(Reply::notFound);
            };
        } catch (Query.Invalid invalid) {
            return Reply.badRequest(invalid.getMessage());
        }
    }

    /** nats-server counts a request before it reads its options, so one it refuses counts too. */
    private Object counted(String path, Supplier<Object> answer) {
        count(path);
        return answer.get();
    }

    /** nats-server's statuses: {@code ok}, or {@code error} with 503 while the server does not take clients. */
    private Reply healthz(Query query) {
        query.bool("js-enabled");
        query.bool("js-enabled-only");
        query.bool("js-server-only");
        if (server.ready()) {
            return json(Map.of("status", "ok"), query);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "error");
        status.put("error", "failed to be ready for connections after 1ms: startup did not complete");
        return Reply.jsonp(HttpResponseStatus.SERVICE_UNAVAILABLE, status, query.text("callback"));
    }

    /** JSON, or JSONP when the request names a {@code callback}, as every nats-server endpoint answers. */
    private static Reply json(Object value, Query query) {
        return Reply.jsonp(HttpResponseStatus.OK, value, query.text("callback"));
    }

    /** Bundle management changes the running broker: only from this machine, and never from a browser's page. */
    private CompletableFuture<Reply> manage(String action, Request request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return CompletableFuture.completedFuture(Reply.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "bundle management takes POST", request.wantsText()));
        }
        if (!request.fromLoopback() || request.fromBrowser()) {
            return CompletableFuture.completedFuture(Reply.error(HttpResponseStatus.FORBIDDEN,
                    "bundle management is only allowed from a loopback address, and not from a browser",
                    request.wantsText()));
        }
        return CompletableFuture.supplyAsync(() -> manager.run(action, request), management);
    }

    /** The metrics are the endpoints' own answers to a request without options, as the exporter reads them. */
    private final class MetricSources implements Metrics.Sources {
        private final Query none = new Query(Request.of(Map.of()));

        @Override
        public String serverId() {
            return server.info().serverId();
        }

        @Override
        public Map<String, Object> varz() {
            return answers.varz().snapshot(requestStats());
        }

        @Override
        public Map<String, Object> connz() {
            return answers.connz().answer(none);
        }

        @Override
        public Map<String, Object> subsz() {
            return answers.subsz().answer(none);
        }

        @Override
        public Map<String, Object> routez() {
            return answers.routez().answer(none);
        }

        @Override
        public Map<String, Object> gatewayz() {
            return answers.gatewayz().answer(none);
        }

        @Override
        public Map<String, Object> leafz() {
            return answers.leafz().answer(none);
        }

        @Override
        public Map<String, Object> accstatz() {
            return answers.accountz().accstatz(none);
        }

        @Override
        public boolean healthy() {
            return server.ready();
        }

        @Override
        public List<Map<String, Object>> bundles() {
            return bundles.list();
        }

        @Override
        public Map<String, Integer> connectionsByTransport() {
            Map<String, Integer> counts = new TreeMap<>();
            server.connections(false).forEach(conn -> counts.merge(conn.type(), 1, Integer::sum));
            return counts;
        }

        @Override
        public Map<String, Long> slowConsumersByCause() {
            return server.slowConsumersByCause();
        }
    }

    private void count(String path) {
        requestStats.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    private Map<String, Long> requestStats() {
        Map<String, Long> stats = new TreeMap<>();
        requestStats.forEach((path, hits) -> stats.put(path, hits.sum()));
        return stats;
    }
}
