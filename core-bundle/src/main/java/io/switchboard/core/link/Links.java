package io.switchboard.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.switchboard.core.client.Outbound;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.InterestFeed;
import io.switchboard.core.routing.LinkTarget.Role;
import io.switchboard.core.server.NatsServer;
import io.switchboard.core.spi.link.ClusterGateway;
import io.switchboard.core.spi.link.ClusterLeafnodes;
import io.switchboard.core.spi.link.ClusterRoutes;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkInterestListener;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.link.LinkOutbound;
import io.switchboard.core.spi.link.LinkPeer;
import io.switchboard.core.spi.link.LinkSession;
import io.switchboard.core.spi.link.LocalInterestListener;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The core's side of the link SPI, over the running server. */
public final class Links implements LinkHost {

    private final NatsServer server;
    private volatile ClusterGateway gateway;
    private volatile String routesClusterName;
    private volatile ClusterLeafnodes leafnodes;
    private volatile ClusterRoutes routes;

    public Links(NatsServer server) {
        this.server = server;
    }

    @Override
    public String serverId() {
        return server.serverId();
    }

    @Override
    public String serverName() {
        return server.serverName();
    }

    @Override
    public String version() {
        return NatsServer.NATS_VERSION;
    }

    @Override
    public ServerOptions options() {
        return server.options();
    }

    @Override
    public long nextConnectionId() {
        return server.nextClientId();
    }

    @Override
    public List<String> clientConnectUrls() {
        return server.clientConnectUrls();
    }

    @Override
    public void clusterName(String name) {
        routesClusterName = name;
        nameCluster();
    }

    /** The routes' cluster name, or else the gateway's: a gateway alone names the cluster, as in nats-server. */
    private void nameCluster() {
        ClusterGateway current = gateway;
        String name = routesClusterName;
        server.clusterName(name != null ? name : current == null ? null : current.name());
    }

    @Override
    public void addClientConnectUrls(Collection<String> urls) {
        server.addClientConnectUrls(urls);
    }

    @Override
    public void removeClientConnectUrls(Collection<String> urls) {
        server.removeClientConnectUrls(urls);
    }

    @Override
    public Collection<String> accountNames() {
        return server.knownAccounts().stream().map(Account::name).toList();
    }

    @Override
    public InterestWatch watchLocalInterest(LocalInterestListener listener) {
        InterestFeed.Listener adapter = adapter(listener);
        InterestFeed feed = server.interestFeed();
        feed.attach(adapter, server.knownAccounts());
        return () -> feed.detach(adapter);
    }

    @Override
    public List<String> leafImports(String account) {
        return server.account(account).leafImports();
    }

    @Override
    public InterestWatch watchClusterInterest(LocalInterestListener listener) {
        InterestFeed.Listener adapter = adapter(listener);
        InterestFeed feed = server.interestFeed();
        feed.attachCluster(adapter, server.knownAccounts());
        return () -> feed.detach(adapter);
    }

    private static InterestFeed.Listener adapter(LocalInterestListener listener) {
        return new InterestFeed.Listener() {
            @Override
            public void added(Account account, Interest interest) {
                listener.added(account.name(), interest.subject(), interest.queue());
            }

            @Override
            public void removed(Account account, Interest interest) {
                listener.removed(account.name(), interest.subject(), interest.queue());
            }
        };
    }

    @Override
    public LinkSession open(LinkPeer peer, LinkKind kind) {
        return switch (kind) {
            case ROUTE -> session(peer, Role.ROUTE);
            case GATEWAY -> session(peer, Role.GATEWAY);
            case LEAF -> session(peer, Role.SPOKE);
        };
    }

    @Override
    public LinkSession openLeaf(LinkPeer peer, boolean toHub) {
        return session(peer, toHub ? Role.HUB : Role.SPOKE);
    }

    private Session session(LinkPeer peer, Role role) {
        LinkRegistry registry = server.linkRegistry();
        Session session = new Session(server::account, peer, role, registry::closed);
        registry.opened(session);
        return session;
    }

    @Override
    public InterestWatch watchAllInterest(LinkInterestListener listener) {
        InterestFeed.Listener adapter = new InterestFeed.Listener() {
            @Override
            public void added(Account account, Interest interest) {
                listener.added(account.name(), interest.subject(), interest.queue(), from(interest));
            }

            @Override
            public void removed(Account account, Interest interest) {
                listener.removed(account.name(), interest.subject(), interest.queue(), from(interest));
            }
        };
        InterestFeed feed = server.interestFeed();
        feed.attachAll(adapter, server.knownAccounts());
        return () -> feed.detach(adapter);
    }

    private static LinkSession from(Interest interest) {
        return interest.owner() instanceof LinkSession session ? session : null;
    }

    @Override
    public LinkOutbound outbound(Channel channel, long maxPending) {
        Outbound queue = new Outbound(channel, maxPending);
        return new LinkOutbound() {
            @Override
            public boolean send(String line) {
                return queue.offer((line + "\r\n").getBytes(StandardCharsets.UTF_8)) == Outbound.Offer.QUEUED;
            }

            @Override
            public Offer sendMessage(String line, ByteBuf data) {
                return switch (queue.offerFrame(line.getBytes(StandardCharsets.UTF_8), data)) {
                    case QUEUED -> Offer.QUEUED;
                    case SLOW_CONSUMER -> Offer.TOO_FAR_BEHIND;
                    case CLOSED -> Offer.CLOSED;
                };
            }

            @Override
            public void requestWrite() {
                queue.requestFlush();
            }

            @Override
            public void write() {
                queue.flush();
            }

            @Override
            public long pendingBytes() {
                return queue.pendingBytes();
            }

            @Override
            public Sent sent() {
                return new Sent(queue.messagesQueued(), queue.messageBytesQueued());
            }

            @Override
            public void close() {
                queue.close();
            }
        };
    }

    @Override
    public void clusterGateway(ClusterGateway gateway) {
        this.gateway = gateway;
        nameCluster();
        ClusterRoutes current = routes;
        if (current != null) {
            current.gatewayChanged();
        }
    }

    @Override
    public Optional<ClusterGateway> clusterGateway() {
        return Optional.ofNullable(gateway);
    }

    @Override
    public void clusterLeafnodes(ClusterLeafnodes leafnodes) {
        this.leafnodes = leafnodes;
        ClusterRoutes current = routes;
        if (current != null) {
            current.leafnodesChanged();
        }
    }

    @Override
    public Optional<ClusterLeafnodes> clusterLeafnodes() {
        return Optional.ofNullable(leafnodes);
    }

    @Override
    public void clusterRoutes(ClusterRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void tellCluster(String json) {
        ClusterRoutes current = routes;
        if (current != null) {
            current.tell(json);
        }
    }
}
