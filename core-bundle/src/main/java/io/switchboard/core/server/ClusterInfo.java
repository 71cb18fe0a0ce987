package io.switchboard.core.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What clients are told about the cluster in INFO: its name ({@code cluster}) and where its
 * servers take clients ({@code connect_urls}). As in nats-server, {@code connect_urls} appears
 * once another server's URLs arrived, this server's own first; each other URL counts as often as
 * it was added, since two links may report the same server.
 */
final class ClusterInfo {

    private final Map<String, Integer> others = new LinkedHashMap<>();
    private String name;
    private List<String> own = List.of();
    private boolean urlsKnown;
    private volatile Map<String, Object> fields = Map.of();
    private volatile long version;

    /** The INFO fields, in nats-server's order. */
    Map<String, Object> fields() {
        return fields;
    }

    /** Changes with every change of the fields. */
    long version() {
        return version;
    }

    synchronized boolean name(String cluster) {
        if (Objects.equals(name, cluster)) {
            return false;
        }
        name = cluster;
        return rebuild();
    }

    synchronized void own(List<String> urls) {
        if (!own.equals(urls)) {
            own = List.copyOf(urls);
            rebuild();
        }
    }

    synchronized List<String> own() {
        return own;
    }

    synchronized boolean add(Collection<String> urls) {
        boolean changed = false;
        for (String url : urls) {
            changed |= others.merge(url, 1, Integer::sum) == 1;
        }
        urlsKnown |= changed;
        return changed && rebuild();
    }

    synchronized boolean remove(Collection<String> urls) {
        boolean changed = false;
        for (String url : urls) {
            Integer count = others.get(url);
            if (count == null) {
                continue;
            }
            if (count == 1) {
                others.remove(url);
                changed = true;
            } else {
                others.put(url, count - 1);
            }
        }
        return changed && rebuild();
    }

    private boolean rebuild() {
        Map<String, Object> built = new LinkedHashMap<>();
        if (name != null) {
            built.put("cluster", name);
        }
        if (urlsKnown) {
            List<String> urls = new ArrayList<>(own);
            others.keySet().stream().filter(url -> !own.contains(url)).forEach(urls::add);
            built.put("connect_urls", urls);
        }
        fields = built;
        version++;
        return true;
    }
}
