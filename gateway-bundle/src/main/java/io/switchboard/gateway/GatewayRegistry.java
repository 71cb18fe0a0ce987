package io.switchboard.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote gateways this server knows and its connections to them: at most one outbound per
 * remote cluster, any number of inbound ones.
 *
 * @param <C> the connection type
 */
final class GatewayRegistry<C> {

    private final String ownName;
    private final Map<String, RemoteGateway> remotes = new LinkedHashMap<>();
    private final Map<String, C> outbound = new HashMap<>();
    private final Map<C, String> inbound = new LinkedHashMap<>();

    GatewayRegistry(String ownName, List<GatewayOptions.Remote> configured) {
        this.ownName = ownName;
        for (GatewayOptions.Remote remote : configured) {
            if (!remote.name().equals(ownName)) {
                remotes.put(remote.name(), new RemoteGateway(remote.name(), remote.urls(), false));
            }
        }
    }

    synchronized List<RemoteGateway> remotes() {
        return new ArrayList<>(remotes.values());
    }

    synchronized RemoteGateway remote(String name) {
        return remotes.get(name);
    }

    /**
     * A peer told of gateway {@code name} at {@code urls}: a new implicit remote to solicit, or
     * null when it is this cluster or already known (its URLs are then added).
     */
    synchronized RemoteGateway learn(String name, List<String> urls) {
        if (name.equals(ownName)) {
            return null;
        }
        RemoteGateway known = remotes.get(name);
        if (known != null) {
            known.addUrls(urls);
            return null;
        }
        RemoteGateway learned = new RemoteGateway(name, List.of(), true);
        learned.addUrls(urls);
        if (learned.hostPorts().isEmpty()) {
            return null;
        }
        remotes.put(name, learned);
        return learned;
    }

    /**
     * An implicit remote ran out of connect attempts. It stays (and is tried again) when a server
     * of that cluster has meanwhile connected in: this server needs an outbound to it too.
     */
    synchronized boolean keepAfterGivingUp(RemoteGateway remote) {
        if (inbound.containsValue(remote.name())) {
            return true;
        }
        remotes.remove(remote.name(), remote);
        return false;
    }

    /** False when there already is an outbound connection to that cluster. */
    synchronized boolean registerOutbound(String name, C connection) {
        return outbound.putIfAbsent(name, connection) == null;
    }

    synchronized C outbound(String name) {
        return outbound.get(name);
    }

    synchronized List<C> outbound() {
        return new ArrayList<>(outbound.values());
    }

    synchronized void registerInbound(String name, C connection) {
        inbound.put(connection, name);
    }

    synchronized List<C> inbound() {
        return new ArrayList<>(inbound.keySet());
    }

    /** A connection closed; true when it was the registered outbound of {@code name}. */
    synchronized boolean closed(String name, C connection) {
        inbound.remove(connection);
        return name != null && outbound.remove(name, connection);
    }
}
