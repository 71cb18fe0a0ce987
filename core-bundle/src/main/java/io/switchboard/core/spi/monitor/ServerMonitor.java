package io.switchboard.core.spi.monitor;

import io.switchboard.core.spi.link.LinkKind;
import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Map;

/**
 * A read-only view of the running server, registered as a service by the core. Every view is
 * built when asked for, from counters the server keeps anyway: asking costs the caller, never the
 * traffic.
 */
@ProviderType
public interface ServerMonitor {

    /** Who the server is and the settings it runs with, as last loaded or reloaded. */
    ServerInfo info();

    /**
     * Whether clients must authenticate, as INFO's {@code auth_required} says.
     *
     * @since 1.2
     */
    boolean authRequired();

    /** The server's counters at this moment. */
    ServerStatistics statistics();

    /**
     * Whether the server takes clients: its client port is open and the auth plugins its
     * configuration needs are there.
     *
     * @since 1.1
     */
    boolean ready();

    /**
     * The cluster's name, as clients' INFO carries it: configured, settled among the routes, or the
     * gateway's; empty when the server is in no cluster.
     *
     * @since 1.1
     */
    String clusterName();

    /**
     * The URLs clients may connect to, this server's and those its routes told, as clients' INFO
     * carries them in {@code connect_urls}; empty when the server is in no cluster.
     *
     * @since 1.1
     */
    List<String> connectUrls();

    /**
     * The client connections open now, in no particular order; each with its subscriptions when
     * {@code withSubscriptions}, else with none listed.
     *
     * @since 1.1
     */
    List<ConnectionView> connections(boolean withSubscriptions);

    /**
     * The client connections closed most recently, oldest first, at most as many as the server keeps
     * (nats-server keeps 10,000), each with the subscriptions it had.
     *
     * @since 1.1
     */
    List<ConnectionView> closedConnections();

    /**
     * The link connections of {@code kind} open now.
     *
     * @since 1.1
     */
    List<LinkView> links(LinkKind kind, boolean withSubscriptions);

    /**
     * Every account the server knows.
     *
     * @since 1.1
     */
    List<AccountView> accounts();

    /**
     * The subscriptions of this server's own clients in {@code account}, or in every account for null,
     * that a message published to {@code subject} would match, or all for null; the interest links
     * brought is listed with each link.
     *
     * @throws IllegalArgumentException when {@code subject} is not a literal subject one may publish to
     * @since 1.1
     */
    List<SubscriptionView> subscriptions(String account, String subject);

    /**
     * Clients cut as slow consumers, by what cut them: {@code pending_bytes} (max_pending) and
     * {@code write_deadline}.
     *
     * @since 1.1
     */
    Map<String, Long> slowConsumersByCause();
}
