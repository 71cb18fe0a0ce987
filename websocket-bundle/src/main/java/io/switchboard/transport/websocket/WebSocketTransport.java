package io.switchboard.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.spi.transport.ChannelProtocol;
import io.switchboard.core.spi.transport.TlsSettings;
import io.switchboard.core.spi.transport.TransportHost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * NATS clients over WebSocket, as nats-server's {@code websocket} block configures them, and MQTT
 * clients and leaf nodes at their paths when their bundles are there. Without
 * that block (or without a port in it) this bundle listens on nothing. When it stops it closes
 * its listener and its connections the way lame duck mode does, telling their clients the server
 * is going away, and nothing else.
 */
@Component(immediate = true)
public final class WebSocketTransport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    private final TransportHost host;
    private final ChannelGroup accepted = new DefaultChannelGroup("nats-websocket", GlobalEventExecutor.INSTANCE);
    private Channel listener;
    /** MQTT over WebSocket, at the {@code /mqtt} path, while the MQTT bundle is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ChannelProtocol.PROTOCOL + "=mqtt)")
    private volatile ChannelProtocol mqtt;
    /** Leaf nodes over WebSocket, at the {@code /leafnode} path, while the leaf node bundle is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ChannelProtocol.PROTOCOL + "=leafnode)")
    private volatile ChannelProtocol leafnode;

    @Activate
    public WebSocketTransport(@Reference TransportHost host) {
        this.host = host;
        Optional<WebSocketSettings> configured;
        SslContext ssl;
        try {
            configured = WebSocketSettings.of(host.options());
            ssl = configured.flatMap(WebSocketSettings::tls).map(block -> TlsSettings.read(block).serverContext(false))
                    .orElse(null);
        } catch (ConfigException e) {
            host.configurationFailed(HandshakeHandler.TRANSPORT, e);
            return;
        }
        configured.ifPresent(settings -> listen(host, settings, ssl));
    }

    private void listen(TransportHost host, WebSocketSettings settings, SslContext ssl) {
        HandshakeCheck check = new HandshakeCheck(new OriginPolicy(settings.sameOrigin(), settings.allowedOrigins()));
        InetSocketAddress address = new InetSocketAddress(settings.host(), Math.max(settings.port(), 0));
        listener = host.bind(HandshakeHandler.TRANSPORT, host.clientBootstrap().childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                if (ssl != null) {
                    ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast("http", HandshakeHandler.requestDecoder());
                ch.pipeline().addLast("ws-handshake", new HandshakeHandler(host, settings, check, ssl != null,
                        path -> path.equals(HandshakeHandler.MQTT_PATH) ? mqtt : leafnode));
            }
        }), address);
        if (listener == null) {
            return;
        }
        InetSocketAddress local = (InetSocketAddress) listener.localAddress();
        LOG.info("Listening for websocket clients on {}://{}:{}", settings.scheme(), settings.host(), local.getPort());
        if (ssl == null) {
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
        host.listenerStarted(HandshakeHandler.TRANSPORT, local);
    }

    @Deactivate
    void deactivate() {
        host.stopTransport(HandshakeHandler.TRANSPORT, listener, accepted);
    }
}
