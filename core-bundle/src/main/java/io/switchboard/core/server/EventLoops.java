package io.switchboard.core.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every transport shares: one acceptor thread and the I/O loops.
 * Native epoll where the platform has it, NIO elsewhere.
 */
final class EventLoops {

    static final String IO_THREADS_PROPERTY = "switchboard.io.threads";
    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

    private final EventLoopGroup accept;
    private final EventLoopGroup io;
    private final Class<? extends ServerChannel> serverChannelType;
    private final Class<? extends Channel> channelType;

    EventLoops(int ioThreads) {
        boolean epoll = Epoll.isAvailable();
        if (epoll) {
            accept = new EpollEventLoopGroup(1, new DefaultThreadFactory("switchboard-accept", true));
            io = new EpollEventLoopGroup(ioThreads, new DefaultThreadFactory("switchboard-io", true));
            serverChannelType = EpollServerSocketChannel.class;
            channelType = EpollSocketChannel.class;
        } else {
            accept = new NioEventLoopGroup(1, new DefaultThreadFactory("switchboard-accept", true));
            io = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("switchboard-io", true));
            serverChannelType = NioServerSocketChannel.class;
            channelType = NioSocketChannel.class;
        }
        startThreads(accept);
        startThreads(io);
    }

    /**
     * One I/O loop per core but one, and at least one; {@code -Dswitchboard.io.threads=N} sets
     * another number. A message between connections on two loops is handed over with a wakeup
     * of the other loop's thread, which adds more to a request/reply round trip than the
     * work itself; fewer loops keep more traffic on one thread, and the core left over runs the
     * JVM's own threads (JIT, GC) and the kernel's share of the network work.
     */
    static int ioThreads() {
        int byCores = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        String configured = System.getProperty(IO_THREADS_PROPERTY);
        if (configured == null) {
            return byCores;
        }
        try {
            int threads = Integer.parseInt(configured.trim());
            if (threads > 0) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below, as a number below one is
        }
        LOG.warn("Ignoring {}={}: not a positive number; using {} I/O loop(s)", IO_THREADS_PROPERTY, configured, byCores);
        return byCores;
    }

    /**
     * Netty starts a loop's thread on its first task, and the thread keeps the class loaders on
     * the stack that started it (its inherited access control context, its context class loader).
     * Started here, from the core, no plugin's loader is pinned by a thread that outlives it.
     */
    private static void startThreads(EventLoopGroup group) {
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
    }

    EventLoopGroup accept() {
        return accept;
    }

    EventLoopGroup io() {
        return io;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }

    /** Stops both groups and waits until their threads are gone. */
    void shutdown() {
        accept.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        accept.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
