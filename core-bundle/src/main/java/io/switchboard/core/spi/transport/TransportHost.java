package io.switchboard.core.spi.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ServerOptions;
import org.osgi.annotation.versioning.ProviderType;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Binds {@code bootstrap} to {@code address} and waits: the listening channel, or null when it
     * could not be opened, which is then reported as {@link #listenerFailed} says.
     *
     * @since 1.2.0
     */
    default Channel bind(String transport, ServerBootstrap bootstrap, InetSocketAddress address) {
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            listenerFailed(transport, address, bound.cause());
            return null;
        }
        return bound.channel();
    }

    /** Where the client listener binds, from the configuration and the command line. */
    InetSocketAddress clientListenAddress();

    /**
     * Ends {@code channel}'s pipeline with the NATS client protocol. The transport has put
     * whatever framing it needs (TLS, WebSocket) in front, and a {@link ClientAuthContext} on the
     * channel when its clients authenticate differently; {@code transport} names it in logs.
     */
    void initClientChannel(Channel channel, String transport);

    /**
     * The transport is going away (its bundle stops or is updated): its clients are told the way
     * lame duck mode tells them, with an INFO carrying {@code "ldm":true} for clients that take
     * asynchronous INFO, and closed, so that they reconnect to another server or to the
     * transport's next version. Call it once the listener is closed; the future completes when
     * every one of those connections is closed. Connections of other transports are not touched.
     *
     * @since 1.2.0
     */
    CompletableFuture<Void> closeClients(String transport);

    /**
     * Stops a transport the way lame duck mode stops a server, and waits until it has: the
     * listener first ({@code null} when there is none), so no client comes in meanwhile; then its
     * clients, as {@link #closeClients(String)} closes them, for at most five seconds; then
     * whatever else it accepted (connections still in a handshake, clients that did not close in
     * time), with {@link CloseReason#SERVER_SHUTDOWN}.
     *
     * @since 1.2.0
     */
    default void stopTransport(String transport, Channel listener, ChannelGroup accepted) {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        try {
            closeClients(transport).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the rest are closed below
        }
        accepted.forEach(ch -> ch.attr(CloseReason.KEY).setIfAbsent(CloseReason.SERVER_SHUTDOWN));
        accepted.close().awaitUninterruptibly();
    }

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
