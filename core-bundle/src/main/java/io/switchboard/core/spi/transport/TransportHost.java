package io.switchboard.core.spi.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import org.osgi.annotation.versioning.ProviderType;

import java.net.InetSocketAddress;

/**
 * What the core offers a transport bundle: the shared event loops, the NATS client protocol
 * to put on a channel, and the place to report a listener's fate. Registered as a service by
 * the core; a transport binds to it and stops everything it started when it goes away.
 */
@ProviderType
public interface TransportHost {

    /** Event loops that accept connections, shared by every transport. */
    EventLoopGroup acceptLoops();

    /** Event loops that carry connections, shared by every transport, one per core. */
    EventLoopGroup ioLoops();

    /** The server channel type that matches the event loops (epoll where available). */
    Class<? extends ServerChannel> serverChannelType();

    /**
     * The channel type for outgoing connections that matches the event loops.
     *
     * @since 1.1.0
     */
    Class<? extends Channel> channelType();

    /**
     * The configuration the server runs with, as last loaded or reloaded: a transport reads its
     * own block with {@link ServerOptions#block(String)}, and the server-wide settings it must be
     * consistent with.
     *
     * @since 1.1.0
     */
    ServerOptions options();

    /**
     * A server bootstrap on the shared event loops with the socket options of every client
     * listener (address reuse, no Nagle delay, keep-alive); the transport adds its child handler.
     *
     * @since 1.1.0
     */
    default ServerBootstrap clientBootstrap() {
        return new ServerBootstrap()
                .group(acceptLoops(), ioLoops())
                .channel(serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
    }

    /** Where the client listener binds, from the configuration and the command line. */
    InetSocketAddress clientListenAddress();

    /**
     * Ends {@code channel}'s pipeline with the NATS client protocol. The transport has put
     * whatever framing it needs (TLS, WebSocket) in front, and a {@link ClientAuthContext} on the
     * channel when its clients authenticate differently; {@code transport} names it in logs.
     */
    void initClientChannel(Channel channel, String transport);

    /** A listener is accepting connections on {@code address}. */
    void listenerStarted(String transport, InetSocketAddress address);

    /**
     * A listener could not be opened. Before the server is ready this ends the process, as
     * nats-server does; later (a transport updated at run time) it is logged as an error.
     */
    void listenerFailed(String transport, InetSocketAddress address, Throwable cause);

    /**
     * A transport cannot run with its configuration block, as nats-server refuses to start with
     * it. Before the server is ready this ends the process with one {@code [FTL]} line; later (a
     * transport deployed at run time) it is logged as an error and the transport stays idle.
     *
     * @since 1.1.0
     */
    void configurationFailed(String transport, ConfigException problem);
}
