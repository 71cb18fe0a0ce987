package io.switchboard.transport.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.spi.transport.ClientAccount;
import io.switchboard.core.spi.transport.ClientAuthContext;
import io.switchboard.core.spi.transport.TransportHost;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where MQTT sessions become NATS clients: an in-process listener whose connections end in the
 * core's NATS client protocol, with the {@code mqtt} block's authentication settings, so MQTT
 * clients go through the same auth chain, accounts, permissions and router as every NATS client.
 */
final class NatsBridge implements AutoCloseable {

    private final TransportHost host;
    private final ClientAuthContext auth;
    private final LocalAddress address = new LocalAddress("switchboard-mqtt-" + UUID.randomUUID());
    private final ChannelGroup accepted = new DefaultChannelGroup("mqtt-nats", GlobalEventExecutor.INSTANCE);
    /** The core's side of each link, by the link's address: where the core names the admitted account. */
    private final Map<SocketAddress, Channel> coreSides = new ConcurrentHashMap<>();
    /** Links that authenticate otherwise than MQTT clients do, by the link's address. */
    private final Map<SocketAddress, ClientAuthContext> otherAuth = new ConcurrentHashMap<>();
    private final Channel listener;

    NatsBridge(TransportHost host, ClientAuthContext auth) {
        this.host = host;
        this.auth = auth;
        this.listener = new ServerBootstrap().group(host.acceptLoops(), host.ioLoops())
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        accepted.add(ch);
                        SocketAddress link = ch.remoteAddress();
                        coreSides.put(link, ch);
                        ch.closeFuture().addListener(f -> coreSides.remove(link));
                        ClientAuthContext other = otherAuth.remove(link);
                        ch.attr(ClientAuthContext.KEY).set(other != null ? other : auth);
                        host.initClientChannel(ch, MqttTransport.NAME);
                    }
                })
                .bind(address).syncUninterruptibly().channel();
    }

    /** Opens a link on {@code loop}, the loop of the MQTT connection it serves. */
    ChannelFuture open(EventLoop loop, NatsLink link) {
        return bootstrap(loop, link).connect(address);
    }

    /**
     * Opens a link for a session the store kept, while its client is away: admitted as the
     * configured user {@code username} without credentials, as nats-server's no_auth_user admits a
     * client, since that user authenticated when it made the session. A user the configuration
     * no longer has is refused; without a user name the link authenticates as any MQTT client
     * without credentials does.
     */
    ChannelFuture openAs(EventLoop loop, NatsLink link, String username) {
        if (username.isEmpty()) {
            return open(loop, link);
        }
        LocalAddress local = new LocalAddress("switchboard-mqtt-session-" + UUID.randomUUID());
        otherAuth.put(local, new ClientAuthContext("", "", "", username, auth.authTimeout(), ""));
        return bootstrap(loop, link).connect(address, local)
                .addListener(connected -> otherAuth.remove(local));
    }

    private Bootstrap bootstrap(EventLoop loop, NatsLink link) {
        return new Bootstrap().group(loop).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast("nats-ops", new ServerOpDecoder()).addLast("nats-link", link);
                    }
                });
    }

    /** The account the core admitted {@code link} into, once it has. */
    Optional<String> account(Channel link) {
        return Optional.ofNullable(coreSides.get(link.localAddress()))
                .map(core -> core.attr(ClientAccount.KEY).get()).map(ClientAccount::name);
    }

    /** Closes every link the way the core closes a stopping transport's clients. */
    @Override
    public void close() {
        host.stopTransport(MqttTransport.NAME, listener, accepted);
    }
}
