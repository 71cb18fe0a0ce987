package io.switchboard.gateway;

import io.switchboard.core.spi.link.LinkUrl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Another cluster this server connects to: configured (explicit, retried for ever) or learned
 * from a peer (implicit, tried {@code connect_retries} more times). Its URLs are the configured
 * ones plus those its servers announce; they are tried in random order.
 */
final class RemoteGateway {

    private final String name;
    private final String hash;
    private final boolean implicit;
    private final List<LinkUrl> configured;
    private final Map<String, LinkUrl> urls = new LinkedHashMap<>();

    RemoteGateway(String name, List<LinkUrl> configured, boolean implicit) {
        this.name = name;
        this.hash = GatewayHash.of(name);
        this.implicit = implicit;
        this.configured = List.copyOf(configured);
        configured.forEach(url -> urls.put(url.hostPort(), url));
    }

    String name() {
        return name;
    }

    String hash() {
        return hash;
    }

    boolean implicit() {
        return implicit;
    }

    /** The URLs to try, in a new random order each time. */
    synchronized List<LinkUrl> urlsToTry() {
        List<LinkUrl> shuffled = new ArrayList<>(urls.values());
        Collections.shuffle(shuffled);
        return shuffled;
    }

    synchronized List<String> hostPorts() {
        return List.copyOf(urls.keySet());
    }

    /** Adds URLs a server of that cluster announced ({@code host:port}, no scheme). */
    synchronized void addUrls(List<String> hostPorts) {
        for (String hostPort : hostPorts) {
            urls.computeIfAbsent(hostPort, key -> LinkUrl.parse("nats://" + key, "gateway"));
        }
    }

    /** The configured URLs and, in place of the older announcements, these. */
    synchronized void replaceAnnouncedUrls(List<String> hostPorts) {
        urls.clear();
        configured.forEach(url -> urls.put(url.hostPort(), url));
        addUrls(hostPorts);
    }
}
