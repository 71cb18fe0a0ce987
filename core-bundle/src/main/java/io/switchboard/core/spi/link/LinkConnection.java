package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.spi.transport.ReadTurns;
import org.osgi.annotation.versioning.ConsumerType;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every link connection does the same way, whatever its protocol: it reads the peer's
 * operations through a {@link LinkParser} on its own event loop, keeps the peer's interest and
 * messages in its {@link LinkSession}, writes its {@link LinkOutbound} queue (publishers on other
 * loops only queue), pings the peer and closes it when it stops answering, refuses a peer that
 * does not authenticate in time, closes a slow consumer, and logs its close with the reason. The
 * link bundle's subclass reads INFO and CONNECT, decides what interest the peer gets, and forwards
 * messages through {@link #queueMessage}.
 *
 * @since 1.3
 */
@ConsumerType
public abstract class LinkConnection extends ChannelInboundHandlerAdapter implements LinkOps, LinkPeer {

    private final LinkHost host;
    private final LinkKind kind;
    private final boolean toHub;
    private final Wording wording;
    private final long id;

    private Channel channel;
    private LinkLog log;
    private LinkOutbound outbound;
    private LinkParser parser;
    private LinkSession session;
    private ReadTurns turns;
    private volatile boolean closing;
    private volatile LinkCloseReason closeReason = LinkCloseReason.CLIENT_CLOSED;
    private int pingsOut;
    private long pingSent;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> authTimer;
    private volatile Instant start;
    private long startNanos;
    /** Written on this connection's loop once per read, read by monitoring: a stale value only shows an older time. */
    private long lastReadNanos;

    /** A connection of {@code kind}, numbered from the sequence client ids come from. */
    protected LinkConnection(LinkHost host, LinkKind kind) {
        this(host, kind, false);
    }

    /**
     * A leaf node connection; {@code toHub} is true on the server that connected.
     *
     * @since 1.4
     */
    protected LinkConnection(LinkHost host, boolean toHub) {
        this(host, LinkKind.LEAF, toHub);
    }

    private LinkConnection(LinkHost host, LinkKind kind, boolean toHub) {
        this.host = host;
        this.kind = kind;
        this.toHub = toHub;
        this.wording = Wording.of(kind);
        this.id = host.nextConnectionId();
    }

    // ---- lifecycle, on the connection's event loop ----

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        start(ctx.channel());
        ctx.fireChannelActive();
    }

    /** Sets the connection up on its open channel: at {@link #channelActive}, or when adopted ({@link LinkChannels#adopt}). */
    final void start(Channel active) {
        channel = active;
        startNanos = System.nanoTime();
        lastReadNanos = startNanos;
        start = Instant.now();
        log = new LinkLog(getClass(), LinkProtocol.remote(channel), wording.tag, id);
        outbound = host.outbound(channel, host.options().maxPending());
        parser = new LinkParser(this, channel.alloc(), kind == LinkKind.LEAF);
        turns = new ReadTurns(channel);
        if (log.tracing()) {
            parser.trace(log::received);
        }
        session = kind == LinkKind.LEAF ? host.openLeaf(this, toHub) : host.open(this, kind);
        opened();
    }

    /** The channel is up and the session open: greet the peer as the protocol wants. */
    protected abstract void opened();

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            lastReadNanos = System.nanoTime();
            turns.read(buf.readableBytes());
            if (!closing) {
                parser.parse(buf);
            }
        } catch (LinkProtocolException e) {
            if (e.unknownOperation()) {
                sendErr("Unknown Protocol Operation");
            }
            log.error(wording.name + " parser ERROR: " + e.getMessage());
            close(LinkCloseReason.PARSE_ERROR);
        } finally {
            buf.release();
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        session.flush();
        outbound.write();
        turns.endBatch();
        ctx.fireChannelReadComplete();
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        outbound.close();
        parser.release();
        session.close();
        log.info(wording.closed + closeReason);
        closed();
        ctx.fireChannelInactive();
    }

    /** The connection is gone and its interest with it: the bundle forgets it, or dials again. */
    protected abstract void closed();

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closing) {
            closeReason = LinkCloseReason.READ_ERROR;
            log.debug("Error on connection: " + cause);
        }
        ctx.close();
    }

    /** The server or the bundle stops: the close that follows is a shutdown. */
    public final void shuttingDown() {
        closeReason = LinkCloseReason.SERVER_SHUTDOWN;
    }

    // ---- the peer's protocol, on the connection's event loop ----

    @Override
    public final void pong() {
        pingsOut = 0;
        if (pingSent != 0) {
            session.roundTrip(System.nanoTime() - pingSent);
            pingSent = 0;
        }
    }

    /** The peer's {@code -ERR}: logged, then the connection closes; a leaf node connection may stay. */
    @Override
    public void error(String text) {
        logError(text);
        close(LinkCloseReason.PARSE_ERROR);
    }

    /**
     * Logs the peer's {@code -ERR} as nats-server does.
     *
     * @since 1.4
     */
    protected final void logError(String text) {
        log.error(wording.name + " Error " + text);
    }

    /** The peer skipped or failed authentication: it is told so and closed. */
    protected final void authorizationViolation() {
        log.error("Authorization Error");
        sendErr("Authorization Violation");
        close(LinkCloseReason.AUTHENTICATION_VIOLATION);
    }

    // ---- messages for the peer, from any thread ----

    /**
     * Queues a message whose control line is {@code line}; false when it was not queued. A peer
     * too far behind is closed as a slow consumer.
     */
    protected final boolean queueMessage(String line, ByteBuf data) {
        switch (outbound.sendMessage(line, data)) {
            case QUEUED -> {
                if (log.tracing()) {
                    log.sent(line);
                }
                return true;
            }
            case TOO_FAR_BEHIND -> {
                slowConsumer("MaxPending of " + host.options().maxPending() + " Exceeded",
                        LinkCloseReason.SLOW_CONSUMER_PENDING_BYTES);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public final void flush() {
        outbound.requestWrite();
    }

    /** Sends protocol lines and has them written. */
    public final void sendLines(List<String> lines) {
        if (closing || lines.isEmpty()) {
            return;
        }
        outbound.send(String.join("\r\n", lines));
        if (log.tracing()) {
            lines.forEach(log::sent);
        }
        outbound.requestWrite();
    }

    /** Closes a peer that cannot keep up, once, whichever thread finds out first. */
    protected final void slowConsumer(String detail, LinkCloseReason reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        closeReason = reason;
        log.info("Slow Consumer Detected: " + detail);
        channel.close();
    }

    // ---- timers and closing, on the connection's event loop ----

    /** Pings the peer after {@code delayNanos}, then every ping interval; once pinging, nothing. */
    protected final void startPinging(long delayNanos) {
        if (pingTimer == null || pingTimer.isDone()) {
            pingTimer = channel.eventLoop().schedule(this::pingTimerFired, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void pingTimerFired() {
        if (closing) {
            return;
        }
        ServerOptions options = host.options();
        if (wording.pingTimer != null) {
            log.debug(wording.pingTimer);
        }
        if (pingsOut + 1 > options.maxPingsOut()) {
            log.debug(wording.stale);
            sendErr("Stale Connection");
            close(LinkCloseReason.STALE_CONNECTION);
            return;
        }
        pingsOut++;
        pingSent = System.nanoTime();
        send("PING");
        outbound.write();
        pingTimer = channel.eventLoop().schedule(this::pingTimerFired,
                Math.min(options.pingInterval().toNanos(), wording.maxPingNanos), TimeUnit.NANOSECONDS);
    }

    /** Closes the connection unless the peer has authenticated ({@link #authenticated}) by then. */
    protected final void startAuthTimer(Duration timeout) {
        authTimer = channel.eventLoop().schedule(this::authTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The peer authenticated: no timeout closes it. */
    protected final void authenticated() {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    private void authTimeout() {
        authTimer = null;
        if (wording.authTimeoutIsError) {
            log.error("Authentication Timeout");
        } else {
            log.debug("Authentication Timeout");
        }
        sendErr("Authentication Timeout");
        close(LinkCloseReason.AUTHENTICATION_TIMEOUT);
    }

    /** Writes what is queued, then closes; on the connection's event loop. */
    protected final void close(LinkCloseReason reason) {
        closing = true;
        closeReason = reason;
        outbound.write();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Queues one protocol operation unless the connection closes; the next write sends it. */
    protected final void send(String operation) {
        if (!closing) {
            outbound.send(operation);
            if (log.tracing()) {
                log.sent(operation);
            }
        }
    }

    protected final void sendErr(String text) {
        send("-ERR '" + text + "'");
    }

    // ---- for monitoring, from any thread ----

    /**
     * What the protocol learned of the peer: its id and name, who dialled, whether it was configured.
     * Called from a monitoring thread; the subclass answers from what it keeps in volatile fields.
     *
     * @since 1.4
     */
    public LinkDescription describe() {
        return LinkDescription.NONE;
    }

    /** @since 1.4 */
    public final LinkKind kind() {
        return kind;
    }

    /** The peer's address, null before the channel is active. @since 1.4 */
    public final InetSocketAddress remoteAddress() {
        Channel ch = channel;
        return ch != null && ch.remoteAddress() instanceof InetSocketAddress address ? address : null;
    }

    /** When the connection came up, null before. @since 1.4 */
    public final Instant start() {
        return start;
    }

    /** When the peer last sent something, null before the connection came up. @since 1.4 */
    public final Instant lastActivity() {
        Instant started = start;
        return started == null ? null : started.plusNanos(lastReadNanos - startNanos);
    }

    /** Bytes queued for the peer and not yet taken by the socket. @since 1.4 */
    public final long pendingBytes() {
        LinkOutbound queue = outbound;
        return queue == null ? 0 : queue.pendingBytes();
    }

    /** What was queued for the peer since the connection came up. @since 1.4 */
    public final LinkOutbound.Sent sent() {
        LinkOutbound queue = outbound;
        return queue == null ? LinkOutbound.Sent.NOTHING : queue.sent();
    }

    // ---- for the subclass ----

    /**
     * The connection's id ({@code rid}, {@code gid}, {@code lid} in its log lines).
     *
     * @since 1.4
     */
    public final long id() {
        return id;
    }

    protected final Channel channel() {
        return channel;
    }

    protected final LinkLog log() {
        return log;
    }

    /** The outbound queue; named apart from the subclass's notion of an outbound (solicited) link. */
    protected final LinkOutbound queue() {
        return outbound;
    }

    protected final LinkSession session() {
        return session;
    }

    /** True once the connection closes: nothing more is read, sent or queued. */
    protected final boolean closing() {
        return closing;
    }

    /**
     * Where nats-server treats its routes, gateways and leaf nodes apart in what they have in
     * common: the words of their log lines, the level of an authentication timeout, and the
     * gateway's ping interval of at most 15 seconds.
     */
    private record Wording(String tag, String name, String closed, String stale, String pingTimer,
                           boolean authTimeoutIsError, long maxPingNanos) {

        static Wording of(LinkKind kind) {
            return switch (kind) {
                case ROUTE -> new Wording("rid", "Route", "Router connection closed: ",
                        "Stale Router Connection - Closing", "Router Ping Timer", false, Long.MAX_VALUE);
                case GATEWAY -> new Wording("gid", "Gateway", "Gateway connection closed: ",
                        "Stale Client Connection - Closing", null, true, TimeUnit.SECONDS.toNanos(15));
                case LEAF -> new Wording("lid", "Leafnode", "Leafnode connection closed: ",
                        "Stale Client Connection - Closing", "Leafnode Ping Timer", true, Long.MAX_VALUE);
            };
        }
    }
}
