package io.switchboard.core.spi.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
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

    /** The channel type for outgoing connections that matches the event loops. */
    Class<? extends Channel> channelType();

    /** Where the client listener binds, from the configuration and the command line. */
    InetSocketAddress clientListenAddress();

    /**
     * Ends {@code channel}'s pipeline with the NATS client protocol. The transport has put
     * whatever framing it needs (TLS, WebSocket) in front; {@code transport} names it in logs.
     */
    void initClientChannel(Channel channel, String transport);

    /** A listener is accepting connections on {@code address}. */
    void listenerStarted(String transport, InetSocketAddress address);

    /**
     * A listener could not be opened. Before the server is ready this ends the process, as
     * nats-server does; later (a transport updated at run time) it is logged as an error.
     */
    void listenerFailed(String transport, InetSocketAddress address, Throwable cause);
}
