package io.switchboard.core.link;

import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.InterestFeed;
import io.switchboard.core.server.NatsServer;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkHost;
import io.switchboard.core.spi.link.LinkPeer;
import io.switchboard.core.spi.link.LinkSession;
import io.switchboard.core.spi.link.LocalInterestListener;

import java.util.Collection;
import java.util.List;

/** The core's side of the link SPI, over the running server. */
public final class Links implements LinkHost {

    private final NatsServer server;

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
        server.clusterName(name);
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
    public InterestWatch watchLocalInterest(LocalInterestListener listener) {
        InterestFeed.Listener adapter = new InterestFeed.Listener() {
            @Override
            public void added(Account account, Interest interest) {
                listener.added(account.name(), interest.subject(), interest.queue());
            }

            @Override
            public void removed(Account account, Interest interest) {
                listener.removed(account.name(), interest.subject(), interest.queue());
            }
        };
        InterestFeed feed = server.interestFeed();
        feed.attach(adapter, server.accounts());
        return () -> feed.detach(adapter);
    }

    @Override
    public LinkSession open(LinkPeer peer) {
        return new Session(server::account, peer);
    }
}
