package io.switchboard.core.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.auth.ClientCredentials;
import io.switchboard.core.json.Json;
import io.switchboard.core.protocol.ClientOps;
import io.switchboard.core.protocol.ClientParser;
import io.switchboard.core.protocol.ProtocolViolation;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.Interest;
import io.switchboard.core.routing.Message;
import io.switchboard.core.routing.Traffic;
import io.netty.handler.ssl.SslHandler;
import io.switchboard.core.spi.auth.AuthDecision;
import io.switchboard.core.spi.monitor.ConnectionView;
import io.switchboard.core.spi.monitor.SubscriptionView;
import io.switchboard.core.spi.transport.ClientAccount;
import io.switchboard.core.spi.transport.ClientAuthContext;
import io.switchboard.core.spi.transport.CloseReason;
import io.switchboard.core.spi.transport.ReadTurns;
import io.switchboard.core.subject.Subjects;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One NATS client connection: the end of a transport's pipeline. Everything it reads is
 * handled on its own event loop; other connections only ever queue messages into its
 * {@link Outbound}, which this loop writes out.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientOps {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_RESPONDERS_HEADER = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** nats-server logs these violations before it answers them... */
    private static final Set<CloseReason> LOGGED_BEFORE_ANSWER = EnumSet.of(CloseReason.AUTHENTICATION_VIOLATION,
            CloseReason.MAX_PAYLOAD_EXCEEDED);
    /** ...these once the connection is closed, and the others between the two. */
    private static final Set<CloseReason> LOGGED_AFTER_CLOSE = EnumSet.of(CloseReason.MAX_CONTROL_LINE_EXCEEDED);

    private final ClientHost host;
    private final String transport;
    private final long cid;
    private final Map<String, ClientSubscription> subscriptions = new ConcurrentHashMap<>();
    private final FlushBatch batch = new FlushBatch();

    private Channel channel;
    private Outbound outbound;
    private ReadHolds reads;
    private ReadTurns turns;
    private Pacing pacing;
    private ClientParser parser;
    private ClientLog log;
    private CloseReason closeReason = CloseReason.CLIENT_CLOSED;
    private String errorAfterClose;
    private volatile ConnectOptions options = ConnectOptions.DEFAULTS;
    private volatile Account account;
    private volatile ClientPermissions permissions;
    private volatile UserGrant grant = UserGrant.NONE;
    /** Input that arrived while a CONNECT awaited its authentication. */
    private ByteBuf held;
    private String nonce;
    private volatile boolean closing;
    private boolean started;
    private boolean firstPongSent;
    private long clusterInfoSent;
    private int pingsOut;
    private boolean rttKnown;
    private boolean connected;
    private long lastActivityNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> expiryTimer;
    private long unwritableSinceNanos;
    private volatile Instant start;
    private long startNanos;
    private long pingSentNanos;
    private volatile long rttNanos;
    /** Written on this connection's loop only, read by monitoring: a stale value only shows an older count. */
    private long inMsgs;
    private long inBytes;

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
            parser.limits(limits.maxControlLine(), grant.maxPayload(limits));
            outbound.maxPending(limits.maxPending());
            configureTrace(limits);
            recheckCredentials("configuration reload");
        });
    }

    /** The authenticators changed (a plugin came or was updated): this client's credentials are checked again. */
    public void authenticatorsChanged() {
        channel.eventLoop().execute(() -> recheckCredentials("authenticator update"));
    }

    /** What its authenticator admits changed (an account JWT was pushed): its credentials are checked again. */
    public void admissionsChanged() {
        channel.eventLoop().execute(() -> recheckCredentials("account update"));
    }

    /** Closes the client when its credentials no longer admit it into the same account, as nats-server does on reload. */
    private void recheckCredentials(String why) {
        if (closing || !connected || !host.authRequired()) {
            return;
        }
        Account current = account;
        host.authenticate(credentials(options)).whenComplete((decision, failure) -> channel.eventLoop().execute(() -> {
            if (closing) {
                return;
            }
            if (decision instanceof AuthDecision.Allow allow && host.admitted(allow) == current) {
                applyGrant(allow);
            } else {
                closeWithError("Authorization Violation", "authentication error after " + why,
                        CloseReason.AUTHENTICATION_VIOLATION);
            }
        }));
    }

    /**
     * Lame duck mode has begun: a client that takes asynchronous INFO (protocol 1) is told
     * with {@code "ldm":true}, so it can move elsewhere before it is closed.
     */
    public void announceLameDuck() {
        channel.eventLoop().execute(() -> {
            if (!closing && connected && options.protocol() >= 1) {
                sendInfo(true);
                flushSelf();
            }
        });
    }

    /**
     * The cluster's servers changed: a client that takes asynchronous INFO and has had its first
     * PONG is told at once, as nats-server does; the others hear of it at their first PING.
     */
    public void clusterInfoChanged() {
        channel.eventLoop().execute(() -> {
            if (!closing && firstPongSent && options.protocol() >= 1 && clusterInfoSent != host.clusterInfoVersion()) {
                sendInfo(false);
                flushSelf();
            }
        });
    }

    /** Lame duck mode: closes this connection on its own loop, so its client reconnects elsewhere. */
    public void closeForLameDuck() {
        channel.eventLoop().execute(() -> {
            if (!closing) {
                closeWithError(null, null, CloseReason.SERVER_SHUTDOWN);
            }
        });
    }

    public String transport() {
        return transport;
    }

    /** Completes when this connection's channel is closed. */
    public ChannelFuture closeFuture() {
        return channel.closeFuture();
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
        start = Instant.now();
        startNanos = System.nanoTime();
        ClientLimits limits = host.limits();
        // nats-server names WebSocket clients wid:, others cid:
        log = new ClientLog(remote() + ("websocket".equals(transport) ? " - wid:" : " - cid:") + cid);
        outbound = new Outbound(ch, limits.maxPending());
        reads = new ReadHolds(ch);
        pacing = new Pacing(ch, reads);
        turns = new ReadTurns(ch, reads.forTurns());
        parser = new ClientParser(this, ch.alloc(), limits.maxControlLine(), limits.maxPayload());
        configureTrace(limits);
        parser.requireConnectFirst(host.authRequired());
        if (!host.authRequired()) {
            account = host.account(null);
        }
        if (host.nonceRequired()) {
            nonce = Nonces.next();
        }
        lastActivityNanos = startNanos;
        log.debug("Client connection created");
        sendInfo(false);
        if (!host.register(this)) {
            closeWithError("maximum connections exceeded", "maximum connections exceeded",
                    CloseReason.MAX_CONNECTIONS_EXCEEDED);
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

    private void configureTrace(ClientLimits limits) {
        log.configure(limits.maxTracedMsgLen());
        parser.trace(log.tracing() ? log : null);
    }

    private void sendInfo(boolean lameDuck) {
        Map<String, Object> info = new LinkedHashMap<>(host.infoFields());
        info.put("client_id", cid);
        InetSocketAddress address = remoteAddress();
        if (address != null) {
            info.put("client_ip", address.getAddress().getHostAddress());
        }
        info.put("max_payload", grant.maxPayload(host.limits()));
        // only the first INFO carries the nonce, as in nats-server
        if (nonce != null && !connected) {
            info.put("nonce", nonce);
        }
        clusterInfoSent = host.clusterInfoVersion();
        info.putAll(host.clusterInfoFields());
        if ("websocket".equals(transport)) {
            // routes do not pass on the other servers' websocket URLs, and their client URLs would mislead
            info.remove("connect_urls");
        }
        if (lameDuck) {
            info.put("ldm", true);
        }
        outbound.offer(("INFO " + Json.write(info) + " \r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (closing) {
                return;
            }
            lastActivityNanos = System.nanoTime();
            turns.read(buf.readableBytes());
            if (held != null) {
                held.writeBytes(buf);
            } else {
                parseInput(buf);
            }
        } finally {
            buf.release();
        }
    }

    /** Parses what came in; while a CONNECT awaits its authentication, the rest is held back. */
    private void parseInput(ByteBuf buf) {
        try {
            parser.parse(buf);
            if (buf.isReadable()) {
                held = channel.alloc().buffer(buf.readableBytes());
                held.writeBytes(buf);
            }
        } catch (ProtocolViolation violation) {
            closeWithError(violation.clientError(), violation.getMessage(), violation.reason());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endReadBatch();
        ctx.fireChannelReadComplete();
    }

    /**
     * Has what this batch of reads published written out, and holds this connection's reads
     * back while a subscriber it fed drains a backlog.
     */
    private void endReadBatch() {
        pacing.holdFor(batch.flushAll());
        flushSelf();
        turns.endBatch();
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
                    + " exceeded with " + outbound.pendingBytes() + " total bytes",
                    CloseReason.SLOW_CONSUMER_WRITE_DEADLINE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        cancelTimers();
        Account acc = account;
        if (acc != null) {
            acc.removeAllLocal(new ArrayList<Interest>(subscriptions.values()));
        }
        if (outbound != null) {
            outbound.close();
        }
        if (parser != null) {
            parser.release();
        }
        if (held != null) {
            held.release();
            held = null;
        }
        host.unregister(this);
        if (log != null) {
            log.debug("Client connection closed: " + closeReason.text());
            if (errorAfterClose != null) {
                log.error(errorAfterClose);
            }
            subscriptions.keySet().forEach(sid -> log.internal("DELSUB " + sid));
        }
        subscriptions.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closing) {
            recordCloseReason(CloseReason.READ_ERROR);
            log.debug("Error on connection: " + cause);
        }
        ctx.close();
    }

    // ---- protocol operations, on this connection's event loop ----

    @Override
    public void connect(String json) throws ProtocolViolation {
        if (closing) {
            return;
        }
        ConnectOptions opts;
        try {
            opts = ConnectOptions.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation(null, e.getMessage());
        }
        if (account == null || host.authRequired()) {
            CompletableFuture<AuthDecision> decision = host.authenticate(credentials(opts));
            if (!decision.isDone()) {
                parser.pause();
                reads.hold(ReadHolds.Reason.AUTHENTICATION);
                decision.whenComplete((d, failure) -> channel.eventLoop().execute(() -> connectDecided(opts, d)));
                return;
            }
            admit(decision.join());
        }
        completeConnect(opts);
    }

    /** An authentication that took its time has been decided: go on where the CONNECT left off. */
    private void connectDecided(ConnectOptions opts, AuthDecision decision) {
        if (closing) {
            return;
        }
        try {
            admit(decision);
            completeConnect(opts);
        } catch (ProtocolViolation violation) {
            closeWithError(violation.clientError(), violation.getMessage(), violation.reason());
            return;
        }
        parser.resume();
        // nothing is read before this task ends, and a further CONNECT in the rest holds reads again
        reads.release(ReadHolds.Reason.AUTHENTICATION);
        ByteBuf rest = held;
        held = null;
        if (rest != null) {
            try {
                parseInput(rest);
            } finally {
                rest.release();
            }
        }
        endReadBatch();
    }

    private void admit(AuthDecision decision) throws ProtocolViolation {
        Account acc = decision instanceof AuthDecision.Allow allow ? host.admitted(allow) : null;
        if (acc == null) {
            String reason = decision instanceof AuthDecision.Deny deny ? deny.reason() : null;
            throw new ProtocolViolation("Authorization Violation",
                    reason == null ? "authentication error" : "authentication error: " + reason,
                    CloseReason.AUTHENTICATION_VIOLATION);
        }
        account = acc;
        applyGrant((AuthDecision.Allow) decision);
    }

    /** Takes what an admission gives: permissions, limits of the user's own, and when it expires. */
    private void applyGrant(AuthDecision.Allow allow) {
        permissions = ClientPermissions.of(allow.permissions());
        grant = UserGrant.of(allow);
        ClientLimits limits = host.limits();
        parser.limits(limits.maxControlLine(), grant.maxPayload(limits));
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
        grant.expiresIn(Instant.now()).ifPresent(delay ->
                expiryTimer = channel.eventLoop().schedule(this::authExpired, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The client's credentials; a JWT from the transport's handshake (a WebSocket cookie) stands in for a missing one. */
    private ClientCredentials credentials(ConnectOptions opts) {
        ClientAuthContext context = channel.attr(ClientAuthContext.KEY).get();
        String jwt = opts.jwt() == null && context != null && !context.cookieJwt().isEmpty() ? context.cookieJwt() : opts.jwt();
        return new ClientCredentials(opts.user(), opts.pass(), opts.authToken(), opts.nkey(), opts.sig(), jwt,
                nonce, List.of(), remoteAddress(), transport, opts.name());
    }

    private void completeConnect(ConnectOptions opts) throws ProtocolViolation {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        options = opts;
        parser.headers(opts.headers());
        log.identify(opts.version(), opts.lang(), opts.name());
        if (opts.protocol() < 0 || opts.protocol() > 1) {
            throw new ProtocolViolation("invalid client protocol", "invalid client protocol",
                    CloseReason.BAD_CLIENT_PROTOCOL_VERSION);
        }
        if (opts.noResponders() && !opts.headers()) {
            throw new ProtocolViolation("no responders requires headers support",
                    "no responders requires headers support", CloseReason.NO_RESPONDERS_REQUIRES_HEADERS);
        }
        if (!connected) {
            connected = true;
            channel.attr(ClientAccount.KEY).set(new ClientAccount(account.name()));
            // like nats-server: the first PING comes soon after CONNECT, to learn the round trip
            long first = Math.min(host.limits().pingInterval().toNanos(), FIRST_PING_NANOS);
            pingTimer.cancel(false);
            schedulePing(first + ThreadLocalRandom.current().nextLong(first / 5 + 1));
            host.connected(this);
        }
        if (opts.verbose()) {
            sendOk();
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
    public void publishing(Message message) {
        if (options.pedantic() && !Subjects.isValidPublishSubject(message.subject)) {
            // nats-server complains and still delivers
            sendErr("Invalid Publish Subject");
        }
        // mapped before the payload is traced and before permissions, as nats-server maps; null drops it
        String mapped = account.mapped(message.subject);
        if (mapped != message.subject) {
            log.operation("MAPPING", message.subject + " -> " + (mapped == null ? "" : mapped));
            message.subject = mapped;
        }
    }

    @Override
    public void publish(Message message) {
        if (closing) {
            return;
        }
        ConnectOptions opts = options;
        ServerStats stats = host.stats();
        stats.inMsgs.increment();
        stats.inBytes.add(message.size());
        inMsgs++;
        inBytes += message.size();
        Account acc = account;
        if (message.subject == null) {
            // a mapping dropped it, as nats-server drops the share that weights leave to nobody
            if (opts.verbose()) {
                sendOk();
            }
            return;
        }
        ClientPermissions perms = permissions;
        if (perms != null && !perms.canPublish(message.subject)) {
            sendErr("Permissions Violation for Publish to \"" + message.subject + "\"");
            log.error("Publish Violation - " + authUser(opts) + ", Subject \"" + message.subject + "\"");
            return;
        }
        if (opts.verbose()) {
            sendOk();
        }
        int delivered = acc.publish(this, opts.echo(), message, batch);
        if (delivered == 0 && message.reply != null && opts.noResponders()) {
            sendNoResponders(acc, message.reply);
        }
    }

    /** Tells a requester at once that nobody listens, through its own subscription to the reply subject. */
    private void sendNoResponders(Account acc, String reply) {
        var match = acc.index().match(reply);
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            if (match.plain(i) instanceof ClientSubscription own && own.owner() == this) {
                Message status = new Message();
                status.subject = reply;
                status.headerSize = NO_RESPONDERS_HEADER.length;
                status.payload(Unpooled.wrappedBuffer(NO_RESPONDERS_HEADER));
                enqueue(own, status, batch);
                return;
            }
        }
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        if (closing) {
            return;
        }
        ConnectOptions opts = options;
        if (!Subjects.isValidSubject(subject) || (queue != null && !Subjects.isValidQueueName(queue))) {
            sendErr("Invalid Subject");
            return;
        }
        ClientPermissions perms = permissions;
        if (perms != null && !perms.canSubscribe(subject)) {
            String target = "\"" + subject + "\"" + (queue == null ? "" : " using queue \"" + queue + "\"");
            sendErr("Permissions Violation for Subscription to " + target);
            log.error("Subscription Violation - " + authUser(opts) + ", Subject \"" + subject + "\""
                    + (queue == null ? "" : ", Queue: \"" + queue + "\"") + ", SID " + sid);
            return;
        }
        int max = grant.maxSubscriptions(host.limits());
        if (max >= 0 && subscriptions.size() >= max) {
            log.error("maximum subscriptions exceeded");
            sendErr("maximum subscriptions exceeded");
            return;
        }
        if (!subscriptions.containsKey(sid)) {
            ClientSubscription sub = new ClientSubscription(this, subject, queue, sid);
            subscriptions.put(sid, sub);
            account.addLocal(sub);
        }
        if (opts.verbose()) {
            sendOk();
        }
    }

    @Override
    public void unsubscribe(String sid, int max) {
        if (closing) {
            return;
        }
        ClientSubscription sub = subscriptions.get(sid);
        if (sub != null && (max <= 0 || sub.limitTo(max))) {
            removeSubscription(sub);
        }
        if (options.verbose()) {
            sendOk();
        }
    }

    private void removeSubscription(ClientSubscription sub) {
        if (subscriptions.remove(sub.sid, sub)) {
            account.removeLocal(sub);
            log.internal("DELSUB " + sub.sid);
        }
    }

    @Override
    public void ping() {
        send(PONG, "PONG");
        if (connected && !firstPongSent) {
            firstPongSent = true;
            // as nats-server does: news of the cluster since CONNECT, or a max_payload of the
            // client's own that is not the server's, come in an INFO after the first PONG
            boolean clusterChanged = clusterInfoSent != host.clusterInfoVersion();
            boolean ownMaxPayload = grant.maxPayload(host.limits()) != host.limits().maxPayload();
            if (options.protocol() >= 1 && (clusterChanged || ownMaxPayload)) {
                sendInfo(false);
            }
        }
    }

    @Override
    public void pong() {
        pingsOut = 0;
        rttKnown = true;
        if (pingSentNanos != 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
            pingSentNanos = 0;
        }
    }

    @Override
    public void clientError(String text) {
        if (!closing) {
            closeWithError(null, "Client Error " + text, CloseReason.PARSE_ERROR);
        }
    }

    // ---- delivery, called from any publisher's event loop ----

    boolean deliver(ClientSubscription sub, Message message, FlushBatch publisherBatch) {
        if (closing) {
            return false;
        }
        ClientPermissions perms = permissions;
        if (perms != null && perms.deniesDelivery(message.subject)) {
            return false;
        }
        long left = sub.countDelivery();
        if (left < 0) {
            return false;
        }
        if (perms != null) {
            perms.requestDelivered(message.reply);
        }
        if (left == 0) {
            // like nats-server, the subscription leaves the index but stays the client's until
            // it unsubscribes or closes
            log.debug("Auto-unsubscribe limit of " + sub.max() + " reached for sid '" + sub.sid + "'");
            account.removeLocal(sub);
        }
        if (log.tracing()) {
            log.sent(deliveryLine(sub, message));
        }
        return enqueue(sub, message, publisherBatch);
    }

    private boolean enqueue(ClientSubscription sub, Message message, FlushBatch publisherBatch) {
        switch (outbound.offerMessage(sub, message, options.headers())) {
            case QUEUED -> {
                ServerStats stats = host.stats();
                stats.outMsgs.increment();
                stats.outBytes.add(message.size());
                publisherBatch.add(outbound);
                return true;
            }
            case SLOW_CONSUMER -> {
                slowConsumer("MaxPending of " + host.limits().maxPending() + " Exceeded",
                        CloseReason.SLOW_CONSUMER_PENDING_BYTES);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Keeps why this connection closes, for the log and for a transport that tells its peer
     * (a WebSocket close frame reads the channel attribute).
     */
    private void recordCloseReason(CloseReason reason) {
        closeReason = reason;
        channel.attr(CloseReason.KEY).setIfAbsent(reason);
    }

    // ---- for monitoring, from any thread ----

    /** The account the client is in, null before it is in one. */
    public Account account() {
        return account;
    }

    /** What the client published and was delivered so far. */
    public Traffic traffic() {
        Outbound out = outbound;
        return new Traffic(inMsgs, inBytes, out == null ? 0 : out.messagesQueued(), out == null ? 0 : out.messageBytesQueued());
    }

    /**
     * The connection as {@code /connz} shows it: open, or closed with its reason and subscriptions
     * when {@code stop} is not null.
     */
    public ConnectionView view(boolean withSubscriptions, Instant stop) {
        if (stop == null && rttNanos == 0 && !options.lang().isEmpty()) {
            // as nats-server does: a client library that has not been timed yet is pinged now
            channel.eventLoop().execute(this::pingForRoundTrip);
        }
        return describe(withSubscriptions, stop);
    }

    /** The open connection as it is, without subscriptions, and without pinging it for its round trip. */
    public ConnectionView snapshot() {
        return describe(false, null);
    }

    /** Whether a CONNECT of this connection was accepted. */
    public boolean isConnected() {
        return connected;
    }

    private ConnectionView describe(boolean withSubscriptions, Instant stop) {
        ConnectOptions opts = options;
        Account acc = account;
        InetSocketAddress address = channel == null ? null : remoteAddress();
        Instant started = start == null ? Instant.now() : start;
        SSLSession tls = tlsSession();
        List<SubscriptionView> subs = withSubscriptions || stop != null ? subscriptionViews() : List.of();
        Traffic traffic = traffic();
        return new ConnectionView(cid, typeOf(transport), address == null ? "" : address.getAddress().getHostAddress(),
                address == null ? 0 : address.getPort(), started, started.plusNanos(lastActivityNanos - startNanos),
                stop, stop == null ? "" : closeReason.text(), rttNanos, outbound == null ? 0 : outbound.pendingBytes(),
                traffic.inMsgs(), traffic.outMsgs(), traffic.inBytes(), traffic.outBytes(), subscriptions.size(), opts.name(), opts.lang(), opts.version(),
                tls == null ? "" : tlsVersion(tls.getProtocol()), tls == null ? "" : tls.getCipherSuite(),
                opts.nkey() != null ? opts.nkey() : opts.user() != null ? opts.user() : "",
                acc == null ? "" : acc.name(), subs);
    }

    private void pingForRoundTrip() {
        if (!closing && connected && pingSentNanos == 0) {
            pingsOut++;
            pingSentNanos = System.nanoTime();
            send(PING, "PING");
            flushSelf();
        }
    }

    /** This client's subscriptions, as {@code subscriptions_list_detail} shows them. */
    public List<SubscriptionView> subscriptionViews() {
        Account acc = account;
        String accountName = acc == null ? "" : acc.name();
        List<SubscriptionView> views = new ArrayList<>(subscriptions.size());
        for (ClientSubscription sub : subscriptions.values()) {
            views.add(new SubscriptionView(accountName, sub.subject(), sub.queue() == null ? "" : sub.queue(),
                    sub.sid, sub.delivered, sub.max(), cid));
        }
        return views;
    }

    private SSLSession tlsSession() {
        SslHandler ssl = channel == null ? null : channel.pipeline().get(SslHandler.class);
        return ssl == null || !ssl.handshakeFuture().isSuccess() ? null : ssl.engine().getSession();
    }

    /** nats-server's names: "1.2", "1.3". */
    private static String tlsVersion(String protocol) {
        return protocol.startsWith("TLSv") ? protocol.substring(4) : protocol;
    }

    /** nats-server's client types: TCP clients are "nats". */
    private static String typeOf(String transport) {
        return "websocket".equals(transport) || "mqtt".equals(transport) ? transport : "nats";
    }

    /** How nats-server names the client in a permission violation. */
    private static String authUser(ConnectOptions opts) {
        if (opts.nkey() != null) {
            return "Nkey \"" + opts.nkey() + "\"";
        }
        return opts.user() != null ? "User \"" + opts.user() + "\"" : "User \"\"";
    }

    private String deliveryLine(ClientSubscription sub, Message message) {
        boolean withHeaders = options.headers() && message.headerSize > 0;
        StringBuilder line = new StringBuilder(withHeaders ? "HMSG " : "MSG ")
                .append(message.subject).append(' ').append(sub.sid).append(' ');
        if (message.reply != null) {
            line.append(message.reply).append(' ');
        }
        if (withHeaders) {
            line.append(message.headerSize).append(' ').append(message.size());
        } else {
            line.append(message.size() - message.headerSize);
        }
        return line.toString();
    }

    private void slowConsumer(String detail, CloseReason reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        recordCloseReason(reason);
        host.stats().slowConsumers.increment();
        (reason == CloseReason.SLOW_CONSUMER_PENDING_BYTES ? host.stats().slowConsumersPendingBytes
                : host.stats().slowConsumersWriteDeadline).increment();
        Account acc = account;
        if (acc != null) {
            acc.slowConsumer();
        }
        log.info("Slow Consumer Detected: " + detail);
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
        log.debug("Client Ping Timer");
        if (rttKnown && System.nanoTime() - lastActivityNanos < interval) {
            log.debug("Delaying PING due to client activity");
        } else if (pingsOut + 1 > limits.maxPingsOut()) {
            log.debug("Stale Client Connection - Closing");
            closeWithError("Stale Connection", null, CloseReason.STALE_CONNECTION);
            return;
        } else {
            pingsOut++;
            pingSentNanos = System.nanoTime();
            send(PING, "PING");
            flushSelf();
        }
        schedulePing(interval);
    }

    private void authTimeout() {
        authTimer = null;
        log.debug("Authentication Timeout");
        closeWithError("Authentication Timeout", null, CloseReason.AUTHENTICATION_TIMEOUT);
    }

    private void authExpired() {
        expiryTimer = null;
        if (closing) {
            return;
        }
        log.debug("User Authentication Expired");
        closeWithError("User Authentication Expired", null, CloseReason.AUTHENTICATION_EXPIRED);
    }

    private void cancelTimers() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
    }

    /**
     * Sends {@code -ERR '<error>'} (when there is one) and closes once it is written;
     * {@code logged} is the error line for the log, if any.
     */
    private void closeWithError(String error, String logged, CloseReason reason) {
        if (logged != null && LOGGED_BEFORE_ANSWER.contains(reason)) {
            log.error(logged);
        }
        if (error != null) {
            sendErr(error);
        }
        if (logged != null && LOGGED_AFTER_CLOSE.contains(reason)) {
            errorAfterClose = logged;
        } else if (logged != null && !LOGGED_BEFORE_ANSWER.contains(reason)) {
            log.error(logged);
        }
        closing = true;
        recordCloseReason(reason);
        batch.flushAll();
        outbound.flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void sendOk() {
        send(OK, "OK");
    }

    private void sendErr(String text) {
        send(err(text), "-ERR " + text);
    }

    /** Queues a protocol line unless the connection is closing; {@code traced} is its trace text. */
    private void send(byte[] bytes, String traced) {
        if (!closing) {
            outbound.offer(bytes);
            log.sent(traced);
        }
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
