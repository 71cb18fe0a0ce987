package io.switchboard.core.spi.link;

import io.netty.channel.Channel;
import io.switchboard.core.config.ServerOptions;
import org.osgi.annotation.versioning.ProviderType;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the core offers a link bundle (routes, gateways, leaf nodes). Registered as a service by
 * the core; a link bundle binds to it and, when it goes away, closes its sessions and cancels its
 * watches.
 */
@ProviderType
public interface LinkHost {

    /** This server's id, as in INFO. */
    String serverId();

    /** This server's name, as in INFO: the configured one or the id. */
    String serverName();

    /** The nats-server release whose protocol this server speaks, as in INFO's {@code version}. */
    String version();

    /** The options in force: the configuration file (each bundle reads its own block) and flags. */
    ServerOptions options();

    /** An id for a new connection, from the sequence client ids come from, as in nats-server. */
    long nextConnectionId();

    /** The {@code host:port} URLs clients reach this server at, for other servers to pass on. */
    List<String> clientConnectUrls();

    /**
     * Names the cluster this server belongs to in the INFO clients get, or {@code null} when it
     * belongs to none. Without a name from here, a server with a gateway gives the gateway's name.
     */
    void clusterName(String name);

    /**
     * Adds other servers' client URLs to the {@code connect_urls} clients are told about; each URL
     * counts as many times as it was added. Clients that take asynchronous INFO hear of a change.
     */
    void addClientConnectUrls(Collection<String> urls);

    /** Takes back URLs given to {@link #addClientConnectUrls}. */
    void removeClientConnectUrls(Collection<String> urls);

    /**
     * Tells {@code listener} about every local subscription there is now (those of this server's
     * clients, and since 1.4 those of the leaf nodes connected to it), then about every change,
     * until the watch is cancelled. Called on the thread that made the change: the listener only
     * queues work, it never waits.
     */
    InterestWatch watchLocalInterest(LocalInterestListener listener);

    /**
     * The subjects a leaf node connection bound to {@code account} announces besides its
     * subscriptions, as nats-server does: the account's mapping sources and the subjects of the
     * services it imports, so that the other side sends what would be mapped or imported here.
     * As of the connection's start. Since 1.7.
     */
    List<String> leafImports(String account);

    /** Opens the router's side of one route; {@code peer} takes the messages bound for it. */
    default LinkSession open(LinkPeer peer) {
        return open(peer, LinkKind.ROUTE);
    }

    /**
     * Opens the router's side of one link connection of the given kind; {@code peer} takes the
     * messages bound for it.
     *
     * @since 1.1
     */
    LinkSession open(LinkPeer peer, LinkKind kind);

    /**
     * Opens the router's side of one leaf node connection; {@code toHub} is true on the server that
     * connected (the spoke), false on the one that accepted (the hub).
     *
     * @since 1.4
     */
    LinkSession openLeaf(LinkPeer peer, boolean toHub);

    /**
     * Tells {@code listener} about every subscription there is now, whoever holds it (this
     * server's clients or a link's peer), then about every change, until the watch is cancelled:
     * what a hub tells the leaf nodes connected to it. Called on the thread that made the change.
     *
     * @since 1.4
     */
    InterestWatch watchAllInterest(LinkInterestListener listener);

    /**
     * The names of the accounts this server has, the global one ({@code $G}) included.
     *
     * @since 1.1
     */
    Collection<String> accountNames();

    /**
     * Like {@link #watchLocalInterest}, but also tells {@code listener} about the interest routes
     * brought from the other servers of this cluster, one call per route and subscription: the
     * interest of the whole cluster, as gateways announce it to other clusters. Interest that came
     * over gateways is left out.
     *
     * @since 1.1
     */
    InterestWatch watchClusterInterest(LocalInterestListener listener);

    /** An outbound queue for {@code channel} that refuses more once {@code maxPending} bytes are owed. */
    LinkOutbound outbound(Channel channel, long maxPending);

    /**
     * Puts this server's gateway in touch with its routes; null when it goes. The routes hear of
     * it through {@link ClusterRoutes#gatewayChanged()}.
     *
     * @since 1.2
     */
    void clusterGateway(ClusterGateway gateway);

    /**
     * This server's gateway, when it has one.
     *
     * @since 1.2
     */
    Optional<ClusterGateway> clusterGateway();

    /**
     * Puts this server's leaf node listener in touch with its routes; null when it goes. The routes
     * hear of it through {@link ClusterRoutes#leafnodesChanged()}.
     *
     * @since 1.6
     */
    void clusterLeafnodes(ClusterLeafnodes leafnodes);

    /**
     * This server's leaf node listener, when it has one.
     *
     * @since 1.6
     */
    Optional<ClusterLeafnodes> clusterLeafnodes();

    /**
     * Puts this server's routes in touch with its gateway; null when they go.
     *
     * @since 1.2
     */
    void clusterRoutes(ClusterRoutes routes);

    /**
     * Sends an INFO ({@code json}) to every server of this cluster over the routes; nothing when
     * there are none.
     *
     * @since 1.2
     */
    void tellCluster(String json);
}
