package io.switchboard.core.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.json.Json;
import io.switchboard.core.protocol.ClientOps;
import io.switchboard.core.protocol.ClientParser;
import io.switchboard.core.protocol.ProtocolViolation;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.Message;
import io.switchboard.core.subject.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One NATS client connection: the end of a transport's pipeline. Everything it reads is
 * handled on its own event loop; other connections only ever queue messages into its
 * {@link Outbound}, which this loop writes out.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientOps {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_RESPONDERS_HEADER = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ClientHost host;
    private final String transport;
    private final long cid;
    private final Map<String, ClientSubscription> subscriptions = new ConcurrentHashMap<>();
    private final FlushBatch batch = new FlushBatch();

    private Channel channel;
    private Outbound outbound;
    private Pacing pacing;
    private ClientParser parser;
    private String logPrefix;
    private volatile ConnectOptions options = ConnectOptions.DEFAULTS;
    private volatile Account account;
    private volatile boolean closing;
    private boolean started;
    private int pingsOut;
    private boolean rttKnown;
    private boolean connected;
    private long lastActivityNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> authTimer;
    private long unwritableSinceNanos;

    public ClientConnection(ClientHost host, String transport) {
        this.host = host;
        this.transport = transport;
        this.cid = host.nextClientId();
    }

    public long cid() {
        return cid;
    }

    /**
     * Applies a reloaded configuration on this connection's event loop: new limits, and its
     * credentials checked again; a client they no longer admit is closed, as nats-server does.
     */
    public void reloaded() {
        channel.eventLoop().execute(() -> {
            if (closing) {
                return;
            }
            ClientLimits limits = host.limits();
            parser.limits(limits.maxControlLine(), limits.maxPayload());
            outbound.maxPending(limits.maxPending());
            if (!connected && !host.authRequired()) {
                return;
            }
            ConnectOptions opts = options;
            Account acc = host.authenticate(opts.user(), opts.pass(), opts.authToken());
            if (acc == null) {
                closeWithError("Authorization Violation", "authentication error after configuration reload");
            } else if (acc != account) {
                closeWithError("Authorization Violation", "account changed by configuration reload");
            }
        });
    }

    /** Lame duck mode: closes this connection on its own loop, so its client reconnects elsewhere. */
    public void closeForLameDuck() {
        channel.eventLoop().execute(() -> {
            if (!closing) {
                closeWithError(null, null);
            }
        });
    }

    public String transport() {
        return transport;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx.channel());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx.channel());
        ctx.fireChannelActive();
    }

    private void start(Channel ch) {
        if (started) {
            return;
        }
        started = true;
        channel = ch;
        ClientLimits limits = host.limits();
        logPrefix = remote() + " - cid:" + cid + " - ";
        outbound = new Outbound(ch, limits.maxPending());
        pacing = new Pacing(ch);
        parser = new ClientParser(this, ch.alloc(), limits.maxControlLine(), limits.maxPayload());
        parser.requireConnectFirst(host.authRequired());
        if (!host.authRequired()) {
            account = host.authenticate(null, null, null);
        }
        lastActivityNanos = System.nanoTime();
        LOG.debug("{}Client connection created", logPrefix);
        sendInfo();
        if (!host.register(this)) {
            closeWithError("maximum connections exceeded", "maximum connections exceeded");
            return;
        }
        host.stats().totalConnections.increment();
        if (host.authRequired()) {
            authTimer = ch.eventLoop().schedule(this::authTimeout,
                    limits.authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        schedulePing(limits.pingInterval().toNanos());
        flushSelf();
    }

    private void sendInfo() {
        Map<String, Object> info = new LinkedHashMap<>(host.infoFields());
        info.put("client_id", cid);
        InetSocketAddress address = remoteAddress();
        if (address != null) {
            info.put("client_ip", address.getAddress().getHostAddress());
        }
        queue(("INFO " + Json.write(info) + " \r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!closing) {
                lastActivityNanos = System.nanoTime();
                parser.parse(buf);
            }
        } catch (ProtocolViolation violation) {
            LOG.error("{}{}", logPrefix, violation.getMessage());
            closeWithError(violation.clientError(), null);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pacing.holdFor(batch.flushAll());
        flushSelf();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            unwritableSinceNanos = 0;
        } else if (unwritableSinceNanos == 0) {
            long since = System.nanoTime();
            unwritableSinceNanos = since;
            ctx.executor().schedule(() -> checkWriteDeadline(since),
                    host.limits().writeDeadline().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void checkWriteDeadline(long since) {
        if (unwritableSinceNanos == since && !channel.isWritable() && channel.isActive()) {
            slowConsumer("WriteDeadline of " + formatDuration(host.limits().writeDeadline().toMillis())
                    + " exceeded with " + outbound.pendingBytes() + " total bytes");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        cancelTimers();
        Account acc = account;
        if (acc != null) {
            acc.index().removeAll(new ArrayList<Interest>(subscriptions.values()));
        }
        subscriptions.clear();
        if (outbound != null) {
            outbound.close();
        }
        if (parser != null) {
            parser.release();
        }
        host.unregister(this);
        LOG.debug("{}Client connection closed", logPrefix);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}Error on connection: {}", logPrefix, cause.toString());
        ctx.close();
    }

    // ---- protocol operations, on this connection's event loop ----

    @Override
    public void connect(String json) throws ProtocolViolation {
        ConnectOptions opts;
        try {
            opts = ConnectOptions.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation(null, e.getMessage());
        }
        if (account == null || host.authRequired()) {
            Account acc = host.authenticate(opts.user(), opts.pass(), opts.authToken());
            if (acc == null) {
                LOG.error("{}authentication error", logPrefix);
                throw new ProtocolViolation("Authorization Violation", "Authorization Violation");
            }
            account = acc;
        }
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        options = opts;
        if (opts.protocol() < 0 || opts.protocol() > 1) {
            throw new ProtocolViolation("invalid client protocol", "invalid client protocol");
        }
        if (opts.noResponders() && !opts.headers()) {
            throw new ProtocolViolation("no responders requires headers support",
                    "no responders requires headers support");
        }
        if (!connected) {
            connected = true;
            // like nats-server: the first PING comes soon after CONNECT, to learn the round trip
            long first = Math.min(host.limits().pingInterval().toNanos(), FIRST_PING_NANOS);
            pingTimer.cancel(false);
            schedulePing(first + ThreadLocalRandom.current().nextLong(first / 5 + 1));
        }
        if (opts.verbose()) {
            queue(OK);
        }
    }

    @Override
    public void info(String json) throws ProtocolViolation {
        try {
            Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation(null, e.getMessage());
        }
    }

    @Override
    public void publish(Message message) throws ProtocolViolation {
        ConnectOptions opts = options;
        if (message.headerDigits > 0 && !opts.headers()) {
            throw new ProtocolViolation(null, "message headers not supported");
        }
        if (opts.pedantic() && !Subjects.isValidPublishSubject(message.subject)) {
            // nats-server complains and still delivers
            queue(err("Invalid Publish Subject"));
        }
        if (opts.verbose()) {
            queue(OK);
        }
        ServerStats stats = host.stats();
        stats.inMsgs.increment();
        stats.inBytes.add(message.size());
        Account acc = account;
        int delivered = acc.publish(this, opts.echo(), message, batch);
        if (delivered == 0 && message.reply != null && opts.noResponders()) {
            sendNoResponders(acc, message.reply);
        }
    }

    /** Tells a requester at once that nobody listens, through its own subscription to the reply subject. */
    private void sendNoResponders(Account acc, String reply) {
        var match = acc.index().match(reply);
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            if (match.plain(i).owner() == this) {
                Message status = new Message();
                status.subject = reply;
                status.headerSize = NO_RESPONDERS_HEADER.length;
                status.payload(Unpooled.wrappedBuffer(NO_RESPONDERS_HEADER));
                match.plain(i).deliver(status, batch);
                return;
            }
        }
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        ConnectOptions opts = options;
        if (!Subjects.isValidSubject(subject) || (queue != null && !Subjects.isValidQueueName(queue))) {
            queue(err("Invalid Subject"));
            return;
        }
        int max = host.limits().maxSubscriptions();
        if (max > 0 && subscriptions.size() >= max) {
            LOG.error("{}maximum subscriptions exceeded", logPrefix);
            queue(err("maximum subscriptions exceeded"));
            return;
        }
        if (!subscriptions.containsKey(sid)) {
            ClientSubscription sub = new ClientSubscription(this, subject, queue, sid);
            subscriptions.put(sid, sub);
            account.index().insert(sub);
        }
        if (opts.verbose()) {
            queue(OK);
        }
    }

    @Override
    public void unsubscribe(String sid, int max) {
        ClientSubscription sub = subscriptions.get(sid);
        if (sub != null && (max <= 0 || sub.limitTo(max))) {
            removeSubscription(sub);
        }
        if (options.verbose()) {
            queue(OK);
        }
    }

    private void removeSubscription(ClientSubscription sub) {
        if (subscriptions.remove(sub.sid, sub)) {
            account.index().remove(sub);
        }
    }

    @Override
    public void ping() {
        queue(PONG);
    }

    @Override
    public void pong() {
        pingsOut = 0;
        rttKnown = true;
    }

    @Override
    public void clientError(String text) throws ProtocolViolation {
        throw new ProtocolViolation(null, "Client Error " + text);
    }

    // ---- delivery, called from any publisher's event loop ----

    boolean deliver(ClientSubscription sub, Message message, FlushBatch publisherBatch) {
        if (closing) {
            return false;
        }
        long left = sub.countDelivery();
        if (left < 0) {
            return false;
        }
        if (left == 0) {
            removeSubscription(sub);
        }
        switch (outbound.offerMessage(sub.sidBytes, message, options.headers())) {
            case QUEUED -> {
                ServerStats stats = host.stats();
                stats.outMsgs.increment();
                stats.outBytes.add(message.size());
                publisherBatch.add(outbound);
                return true;
            }
            case SLOW_CONSUMER -> {
                slowConsumer("MaxPending of " + host.limits().maxPending() + " Exceeded");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void slowConsumer(String detail) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        host.stats().slowConsumers.increment();
        LOG.info("{}Slow Consumer Detected: {}", logPrefix, detail);
        channel.close();
    }

    // ---- timers and closing ----

    private void schedulePing(long delayNanos) {
        pingTimer = channel.eventLoop().schedule(this::pingTimerFired, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * nats-server's rule: no PING while the client has been active within the interval (once
     * the round trip is known); a client that owes more PONGs than ping_max is stale.
     */
    private void pingTimerFired() {
        if (closing) {
            return;
        }
        ClientLimits limits = host.limits();
        long interval = limits.pingInterval().toNanos();
        LOG.debug("{}Client Ping Timer", logPrefix);
        if (rttKnown && System.nanoTime() - lastActivityNanos < interval) {
            LOG.debug("{}Delaying PING due to client activity", logPrefix);
        } else if (pingsOut + 1 > limits.maxPingsOut()) {
            LOG.debug("{}Stale Client Connection - Closing", logPrefix);
            closeWithError("Stale Connection", null);
            return;
        } else {
            pingsOut++;
            queue(PING);
            flushSelf();
        }
        schedulePing(interval);
    }

    private void authTimeout() {
        authTimer = null;
        LOG.debug("{}Authentication Timeout", logPrefix);
        closeWithError("Authentication Timeout", null);
    }

    private void cancelTimers() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
    }

    /** Sends {@code -ERR '<error>'} (when there is one) and closes once it is written. */
    private void closeWithError(String error, String log) {
        if (log != null) {
            LOG.error("{}{}", logPrefix, log);
        }
        closing = true;
        batch.flushAll();
        if (error != null) {
            outbound.offer(err(error));
        }
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void queue(byte[] bytes) {
        outbound.offer(bytes);
    }

    private void flushSelf() {
        if (outbound.hasQueued()) {
            outbound.flush();
        }
    }

    private static byte[] err(String text) {
        return ("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    private String remote() {
        InetSocketAddress a = remoteAddress();
        return a == null ? String.valueOf(channel.remoteAddress()) : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static String formatDuration(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
