package io.switchboard.leafnode;

import io.switchboard.core.spi.link.LinkTls;
import io.switchboard.core.spi.link.LinkUrl;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One remote of {@code leafnodes { remotes [...] }} while this server runs: the URLs to try in
 * turn (the configured ones shuffled unless {@code no_randomize}, then those the hub's INFO
 * announces), which one is next, and how long to wait before the next attempt when the hub
 * refused this server for a while (a loop, the same cluster name).
 */
final class RemoteLeaf {

    /** nats-server's port for leaf node connections, when a URL names none. */
    static final int DEFAULT_PORT = 7422;

    private final LeafOptions.Remote options;
    private final LinkTls tls;
    private final boolean webSocket;
    private final List<LinkUrl> configured = new ArrayList<>();
    private List<LinkUrl> urls;
    private int next;
    private Duration delay = Duration.ZERO;

    RemoteLeaf(LeafOptions.Remote options) {
        this.options = options;
        this.tls = options.tls().map(LinkTls::new).orElse(null);
        this.webSocket = WebSocketUpgrade.isWebSocket(options.urls().get(0));
        for (URI uri : options.urls()) {
            configured.add(url(uri));
        }
        if (!options.noRandomize()) {
            Collections.shuffle(configured);
        }
        urls = List.copyOf(configured);
    }

    LeafOptions.Remote options() {
        return options;
    }

    /** Whether the hub is reached on its WebSocket port ({@code ws://}, {@code wss://}). */
    boolean webSocket() {
        return webSocket;
    }

    /** The hub's configured URL that {@code url} was made from, for the WebSocket upgrade. */
    URI uri(LinkUrl url) {
        return options.urls().stream().filter(uri -> url(uri).equals(url)).findFirst()
                .orElse(options.urls().get(0));
    }

    /** The TLS to start once the hub's INFO is in, or for {@code wss://} before the upgrade; null for none. */
    LinkTls tls() {
        return tls;
    }

    /** The URL to dial next, round after round. */
    synchronized LinkUrl nextUrl() {
        LinkUrl url = urls.get(next % urls.size());
        next = (next + 1) % urls.size();
        return url;
    }

    /**
     * The hub's INFO named the hub cluster's leaf node URLs ({@code host:port}): they are tried
     * before the configured ones, with the configured credentials, as nats-server does. They are
     * leaf node ports: a remote reached over WebSocket keeps to its own URLs.
     */
    synchronized void learned(List<String> hostPorts) {
        if (hostPorts.isEmpty() || webSocket) {
            return;
        }
        List<LinkUrl> updated = new ArrayList<>();
        LinkUrl first = configured.get(0);
        for (String hostPort : hostPorts) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            LinkUrl url;
            try {
                url = new LinkUrl(host, Integer.parseInt(hostPort.substring(colon + 1)), first.user(), first.password());
            } catch (NumberFormatException e) {
                continue;
            }
            if (configured.stream().noneMatch(url::samePlace)) {
                updated.add(url);
            }
        }
        updated.addAll(configured);
        if (!updated.equals(urls)) {
            urls = List.copyOf(updated);
            next = 0;
        }
    }

    /** The next attempt waits {@code delay} instead of the reconnect interval, once. */
    synchronized void delay(Duration delay) {
        this.delay = delay;
    }

    /** How long to wait before connecting again: a delay set by the hub's refusal, else {@code otherwise}. */
    synchronized Duration takeDelay(Duration otherwise) {
        Duration taken = delay.isZero() ? otherwise : delay;
        delay = Duration.ZERO;
        return taken;
    }

    private static LinkUrl url(URI uri) {
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            password = colon < 0 ? null : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
        }
        String host = uri.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new LinkUrl(host, uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme()), user, password);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "ws" -> 80;
            case "wss" -> 443;
            default -> DEFAULT_PORT;
        };
    }
}
