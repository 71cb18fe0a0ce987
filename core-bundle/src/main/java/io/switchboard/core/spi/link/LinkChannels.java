package io.switchboard.core.spi.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.switchboard.core.spi.transport.TransportHost;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The channels of one link bundle on the shared event loops: its listener, the connections it
 * accepts and dials, with TLS first in the pipeline when the link has it, and their closing in
 * order when the bundle stops (listener first, then each connection told it is a shutdown).
 *
 * @since 1.2
 */
public final class LinkChannels {

    private final TransportHost transport;
    private final ChannelGroup channels;
    private Channel listener;

    /** {@code name} names the group in Netty's diagnostics: {@code routes}, {@code gateways}. */
    public LinkChannels(TransportHost transport, String name) {
        this.transport = transport;
        this.channels = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }

    /**
     * Opens the listener on {@code host} and {@code port} (0 for a free one); each accepted channel
     * gets the handler {@code connection} makes, after {@code tls}'s handler when {@code tls} is
     * not null. Returns the port, or fails with the reason it could not be opened.
     */
    public int listen(String host, int port, LinkTls tls, Function<Channel, ChannelHandler> connection)
            throws Exception {
        ChannelFuture bound = new ServerBootstrap()
                .group(transport.acceptLoops(), transport.ioLoops())
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(tls, null, connection))
                .bind(new InetSocketAddress(host, port))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw bound.cause() instanceof Exception e ? e : new IllegalStateException(bound.cause());
        }
        listener = bound.channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Connects to {@code url}, with TLS when {@code tls} is not null (the peer's certificate must
     * name the host dialled); completes once connected, or with the failure.
     */
    public CompletableFuture<Void> dial(LinkUrl url, LinkTls tls, int timeoutMillis,
                                        Function<Channel, ChannelHandler> connection) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        new Bootstrap()
                .group(transport.ioLoops())
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(initializer(tls, url, connection))
                .connect(url.host(), url.port())
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        connected.complete(null);
                    } else {
                        connected.completeExceptionally(f.cause());
                    }
                });
        return connected;
    }

    private ChannelInitializer<Channel> initializer(LinkTls tls, LinkUrl url,
                                                    Function<Channel, ChannelHandler> connection) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                channels.add(ch);
                if (tls != null) {
                    ch.pipeline().addLast("tls", tls.handler(ch, url));
                }
                ch.pipeline().addLast("link", connection.apply(ch));
            }
        };
    }

    /**
     * Takes a channel another transport accepted and already opened, with its own framing in the
     * pipeline (a leaf node over the WebSocket port): {@code connection} goes at the end of the
     * pipeline and starts as on a fresh connection, and the channel closes with this link's others.
     * Called on the channel's event loop.
     *
     * @since 1.6
     */
    public void adopt(Channel channel, LinkConnection connection) {
        channels.add(channel);
        channel.pipeline().addLast("link", connection);
        connection.start(channel);
    }

    /**
     * Closes the listener, then every connection, each told first through {@code shuttingDown}
     * so that it logs the close as a shutdown; waits until they are closed.
     */
    public <T extends ChannelHandler> void close(Class<T> connectionType, Consumer<T> shuttingDown) {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        for (Channel channel : channels) {
            T connection = channel.pipeline().get(connectionType);
            if (connection != null) {
                shuttingDown.accept(connection);
            }
        }
        channels.close().awaitUninterruptibly();
    }
}
