package io.switchboard.core.client;

import io.switchboard.core.routing.Account;

import java.util.Map;

/** What a client connection needs from the server it belongs to. */
public interface ClientHost {

    ClientLimits limits();

    ServerStats stats();

    /** A new connection's id; ids are never reused while the server runs. */
    long nextClientId();

    /** INFO's fields for a new connection, in nats-server's order, before its own client_id and client_ip. */
    Map<String, Object> infoFields();

    /**
     * INFO's fields about the cluster ({@code cluster}, {@code connect_urls}), after the client's own
     * client_id and client_ip; empty when the server is not in a cluster.
     */
    Map<String, Object> clusterInfoFields();

    /** Changes whenever {@link #clusterInfoFields()} does. */
    long clusterInfoVersion();

    /** Admits a connection; false when max_connections is reached. */
    boolean register(ClientConnection connection);

    void unregister(ClientConnection connection);

    boolean authRequired();

    /** The account the client's credentials open, or null when they open none. */
    Account authenticate(String user, String pass, String token);
}
