package io.switchboard.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * NATS clients over plain TCP: the default transport. Binds the client port on the core's
 * shared event loops; when this bundle stops it closes its listener and every connection it
 * accepted, the way lame duck mode does, and nothing else.
 */
@Component(immediate = true)
public final class TcpClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpClientTransport.class);
    private static final String NAME = "client";

    private final TransportHost host;
    private final ChannelGroup accepted = new DefaultChannelGroup("nats-tcp", GlobalEventExecutor.INSTANCE);
    private Channel listener;

    @Activate
    public TcpClientTransport(@Reference TransportHost host) {
        this.host = host;
        InetSocketAddress address = host.clientListenAddress();
        listener = host.bind(NAME, host.clientBootstrap().childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                host.initClientChannel(ch, NAME);
            }
        }), address);
        if (listener == null) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        LOG.info("Listening for client connections on {}:{}", address.getHostString(), local.getPort());
        host.listenerStarted(NAME, local);
    }

    @Deactivate
    void deactivate() {
        host.stopTransport(NAME, listener, accepted);
    }
}
