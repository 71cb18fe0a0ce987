package io.switchboard.core.client;

import io.switchboard.core.routing.Account;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.auth.AuthRequest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

    /** The connection's first CONNECT was accepted: it is in its account. */
    void connected(ClientConnection connection);

    void unregister(ClientConnection connection);

    boolean authRequired();

    /** True when INFO must carry a nonce for the client to sign. */
    boolean nonceRequired();

    /**
     * The decision about a client's credentials: allow or deny. Already complete when it
     * could be made at once; otherwise it completes later on another thread.
     */
    CompletableFuture<AuthDecision> authenticate(AuthRequest request);

    /** The account of that name ({@code $G} for null), created when the server has none of that name yet. */
    Account account(String name);

    /** The account an admission names, with the account settings the admission brings applied to it. */
    Account admitted(AuthDecision.Allow allow);
}
