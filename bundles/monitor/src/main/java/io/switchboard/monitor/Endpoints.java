package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The paths the monitoring port serves, under {@code http_base_path}: nats-server's
 * {@code /healthz} and {@code /varz}, and {@code /bundlez} with its management actions. Reads are
 * answered on the event loop; management runs on its own thread, one action at a time.
 */
final class Endpoints {

    private static final String ROOT = "/";
    private static final String HEALTHZ = "/healthz";
    private static final String VARZ = "/varz";
    private static final String BUNDLEZ = "/bundlez";

    private final String basePath;
    private final Varz varz;
    private final Bundles bundles;
    private final BundleManager manager;
    private final Executor management;
    private final Map<String, LongAdder> requestStats = new ConcurrentHashMap<>();

    Endpoints(String basePath, Varz varz, Bundles bundles, BundleManager manager, Executor management) {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        this.varz = varz;
        this.bundles = bundles;
        this.manager = manager;
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
        return CompletableFuture.completedFuture(read(path, request));
    }

    private Reply read(String path, Request request) {
        switch (path) {
            case ROOT -> {
                count(ROOT);
                return new Reply(HttpResponseStatus.OK, "text/html; charset=utf-8", index());
            }
            case HEALTHZ -> {
                count(HEALTHZ);
                return Reply.json(Map.of("status", "ok"));
            }
            case VARZ -> {
                count(VARZ);
                return Reply.json(varz.snapshot(requestStats()));
            }
            case BUNDLEZ -> {
                count(BUNDLEZ);
                return request.wantsText() ? Reply.text(HttpResponseStatus.OK, bundles.table())
                        : Reply.json(Map.of("bundles", bundles.list()));
            }
            default -> {
                return Reply.notFound();
            }
        }
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

    private void count(String path) {
        requestStats.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    private Map<String, Long> requestStats() {
        Map<String, Long> stats = new TreeMap<>();
        requestStats.forEach((path, hits) -> stats.put(path, hits.sum()));
        return stats;
    }

    private String index() {
        StringBuilder page = new StringBuilder("<html><head><title>Switchboard</title></head><body>\n");
        for (String path : new String[] {VARZ, HEALTHZ, BUNDLEZ}) {
            page.append("<a href=\"").append(basePath).append(path).append("\">").append(path.substring(1))
                    .append("</a><br/>\n");
        }
        return page.append("</body></html>\n").toString();
    }
}
