package io.switchboard.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.switchboard.core.spi.link.LinkCloseReason;
import io.switchboard.core.spi.link.LinkConnection;
import io.switchboard.core.spi.link.LinkDescription;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.link.LinkMessage;
import io.switchboard.core.spi.link.LinkProtocol;
import io.switchboard.core.spi.link.LinkProtocolException;
import io.switchboard.core.spi.link.LinkSession;
import io.switchboard.core.spi.link.LinkUrl;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One route: a connection to another server of the cluster, accepted or solicited. Its event loop
 * reads the peer's protocol, keeps the peer's interest in the accounts' indexes through its
 * {@link LinkSession}, and writes what publishers queued for the peer; publishers on other loops
 * only queue.
 */
final class RouteConnection extends LinkConnection {

    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Cluster cluster;
    private final boolean solicited;
    private volatile LinkUrl url;
    private volatile boolean explicit;
    /** Set when this route won over a duplicate: reconnect if it closes, even when learned by gossip. */
    private volatile boolean retry;

    private boolean connectReceived;
    private boolean infoReceived;
    private volatile String remoteId;
    private volatile List<String> connectUrls = List.of();
    private volatile String gatewayUrl = "";
    private volatile String leafnodeUrl = "";
    private long unwritableSince;

    /** {@code url} is where this route was solicited, null for an accepted one. */
    RouteConnection(Cluster cluster, LinkUrl url, boolean explicit) {
        super(cluster.links(), LinkKind.ROUTE);
        this.cluster = cluster;
        this.solicited = url != null;
        this.url = url;
        this.explicit = explicit;
    }

    LinkUrl url() {
        return url;
    }

    boolean explicit() {
        return explicit;
    }

    boolean retry() {
        return retry;
    }

    String remoteId() {
        return remoteId;
    }

    @Override
    public LinkDescription describe() {
        String id = remoteId;
        return new LinkDescription(id == null ? "" : id, "", solicited, explicit, "", Map.of());
    }

    List<String> connectUrls() {
        return connectUrls;
    }

    /** Where the peer's gateway is ({@code host:port}), as its route INFO says; empty when it has none. */
    String gatewayUrl() {
        return gatewayUrl;
    }

    /** Where the peer accepts leaf nodes ({@code host:port}), as its route INFO says; empty when it does not say. */
    String leafnodeUrl() {
        return leafnodeUrl;
    }

    /** This route stays while a duplicate of it goes: it takes the duplicate's URL when it had none. */
    void wonOver(RouteConnection duplicate) {
        if (duplicate.url != null && !explicit) {
            url = duplicate.url;
            explicit = duplicate.explicit;
        }
        retry = true;
    }

    // ---- lifecycle, on the route's event loop ----

    @Override
    protected void opened() {
        if (solicited) {
            log().debug("Route connect msg sent");
            send("CONNECT " + cluster.connectJson(url));
        } else if (cluster.options().authRequired()) {
            startAuthTimer(cluster.options().authTimeout());
        }
        queue().send("INFO " + cluster.infoJson());
        log().info("Route connection created");
        long first = Math.min(cluster.links().options().pingInterval().toNanos(), FIRST_PING_NANOS);
        startPinging(first + ThreadLocalRandom.current().nextLong(first / 5 + 1));
        queue().write();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            unwritableSince = 0;
        } else if (unwritableSince == 0) {
            long since = System.nanoTime();
            unwritableSince = since;
            ctx.executor().schedule(() -> checkWriteDeadline(since),
                    cluster.links().options().writeDeadline().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void checkWriteDeadline(long since) {
        if (unwritableSince == since && !channel().isWritable() && channel().isActive()) {
            slowConsumer("WriteDeadline of " + cluster.links().options().writeDeadline().toMillis()
                    + "ms exceeded with " + queue().pendingBytes() + " total bytes",
                    LinkCloseReason.SLOW_CONSUMER_WRITE_DEADLINE);
        }
    }

    @Override
    protected void closed() {
        cluster.closed(this);
    }

    /** Closes this route from any thread. */
    void closeLater(LinkCloseReason reason) {
        channel().eventLoop().execute(() -> close(reason));
    }

    // ---- the peer's protocol, on the route's event loop ----

    @Override
    public void connect(String json) throws LinkProtocolException {
        if (solicited || connectReceived) {
            return;
        }
        Map<String, Object> connect = LinkProtocol.parse(json);
        if (!LinkProtocol.text(connect, "lang").isEmpty()) {
            log().error("Attempted To Connect To Route Port");
            sendErr("Attempted To Connect To Route Port");
            close(LinkCloseReason.WRONG_PORT);
            return;
        }
        if (!LinkProtocol.text(connect, "gateway").isEmpty()) {
            String error = "Rejecting connection from gateway \"" + LinkProtocol.text(connect, "gateway") + "\" on the Route port";
            log().error(error);
            sendErr(error);
            close(LinkCloseReason.WRONG_PORT);
            return;
        }
        ClusterOptions options = cluster.options();
        if (options.authRequired() && !(LinkProtocol.sameSecret(options.username(), LinkProtocol.text(connect, "user"))
                && LinkProtocol.sameSecret(options.password(), LinkProtocol.text(connect, "pass")))) {
            authorizationViolation();
            return;
        }
        String theirCluster = LinkProtocol.text(connect, "cluster");
        if (!cluster.agreeOnName(theirCluster, Boolean.TRUE.equals(connect.get("cluster_dynamic")), this)) {
            String error = "Rejecting connection, cluster name \"" + theirCluster + "\" does not match \""
                    + cluster.name() + "\"";
            log().error(error);
            sendErr(error);
            close(LinkCloseReason.CLUSTER_NAME_CONFLICT);
            return;
        }
        connectReceived = true;
        remoteId = LinkProtocol.text(connect, "name");
        authenticated();
    }

    @Override
    public void info(String json) throws LinkProtocolException {
        if (!admitted()) {
            return;
        }
        Map<String, Object> info = LinkProtocol.parse(json);
        String id = LinkProtocol.text(info, "server_id");
        if (infoReceived) {
            update(info, id);
            return;
        }
        if (id.equals(cluster.links().serverId())) {
            remoteId = id;
            close(LinkCloseReason.DUPLICATE_ROUTE);
            return;
        }
        String theirCluster = LinkProtocol.text(info, "cluster");
        if (!theirCluster.isEmpty()
                && !cluster.agreeOnName(theirCluster, Boolean.TRUE.equals(info.get("cluster_dynamic")), this)) {
            close(LinkCloseReason.CLUSTER_NAME_CONFLICT);
            return;
        }
        String name = LinkProtocol.text(info, "server_name");
        if (!solicited && name.equals(cluster.links().serverName())) {
            log().error("Remote server has a duplicate name: \"" + name + "\"");
            close(LinkCloseReason.DUPLICATE_SERVER_NAME);
            return;
        }
        infoReceived = true;
        remoteId = id;
        connectUrls = LinkProtocol.strings(info.get("connect_urls"));
        gatewayUrl = LinkProtocol.text(info, "gateway_url");
        leafnodeUrl = announcedLeafnodeUrl(info);
        InetSocketAddress peer = (InetSocketAddress) channel().remoteAddress();
        if (!cluster.register(this, info, peer.getAddress().getHostAddress())) {
            log().debug("Detected duplicate remote route \"" + id + "\"");
            close(LinkCloseReason.DUPLICATE_ROUTE);
        }
    }

    /**
     * An INFO after the first: gateway gossip, another server to connect to, the peer's lame duck
     * mode, or its gateway or leaf node URL that changed (a Switchboard peer's gateway or leaf node
     * bundle came or went).
     */
    private void update(Map<String, Object> info, String id) {
        String gateway = LinkProtocol.text(info, "gateway");
        if (!gateway.isEmpty()) {
            if (info.get("gateway_cmd") instanceof Number command && command.intValue() == 1) {
                cluster.gatewayGossip(gateway, LinkProtocol.strings(info.get("gateway_urls")), remoteId);
            } else {
                log().error("Unknown command " + info.get("gateway_cmd") + " from server " + remoteId);
            }
        } else if (!id.equals(remoteId)) {
            cluster.learned(info);
        } else if (Boolean.TRUE.equals(info.get("ldm"))) {
            cluster.withdrawConnectUrls(this);
        } else {
            String announced = LinkProtocol.text(info, "gateway_url");
            if (!announced.equals(gatewayUrl)) {
                String before = gatewayUrl;
                gatewayUrl = announced;
                cluster.memberGatewayUrl(before, announced);
            }
            String leafnodes = announcedLeafnodeUrl(info);
            if (!leafnodes.equals(leafnodeUrl)) {
                String before = leafnodeUrl;
                leafnodeUrl = leafnodes;
                cluster.memberLeafnodeUrl(before, leafnodes);
            }
        }
    }

    /** A route INFO names at most one leaf node URL, the peer's own. */
    private static String announcedLeafnodeUrl(Map<String, Object> info) {
        List<String> urls = LinkProtocol.strings(info.get("leafnode_urls"));
        return urls.size() == 1 ? urls.get(0) : "";
    }

    @Override
    public void ping() {
        if (admitted()) {
            send("PONG");
        }
    }

    @Override
    public void subscribe(String account, String subject, String queue, int weight) {
        if (!admitted()) {
            return;
        }
        if (!cluster.options().permissions().canExport(subject)) {
            log().debug("Can not export \"" + subject + "\", ignoring remote subscription request");
            return;
        }
        if (!session().addInterest(account, subject, queue, weight)) {
            log().debug("Unknown account \"" + account + "\" for remote subject \"" + subject + "\"");
        }
    }

    @Override
    public void unsubscribe(String account, String subject, String queue) {
        if (admitted()) {
            session().removeInterest(account, subject, queue);
        }
    }

    @Override
    public void accountInterest(String account, boolean interested) throws LinkProtocolException {
        throw new LinkProtocolException("unknown operation '" + (interested ? "A+" : "A-") + "'");
    }

    @Override
    public void message(LinkMessage message) {
        if (admitted() && !session().deliver(message.account(), message.subject(), message.reply(),
                message.headerSize(), message.data(), message.queues())) {
            log().debug("Unknown account \"" + message.account() + "\" for routed message on subject: \""
                    + message.subject() + "\"");
        }
    }

    /** An accepted route must start with CONNECT; anything else before it is refused. */
    private boolean admitted() {
        if (solicited || connectReceived || closing()) {
            return !closing();
        }
        authorizationViolation();
        return false;
    }

    // ---- messages for the peer, from any publisher's loop ----

    @Override
    public boolean forward(String account, String subject, String reply, int headerSize, ByteBuf data,
                           List<String> queues) {
        if (closing() || !cluster.options().permissions().canSend(subject)) {
            return false;
        }
        String line = LinkMessage.controlLine(account, subject, reply, headerSize, data.readableBytes(), queues);
        return queueMessage(line, data);
    }

    /** Passes another server's INFO on, so that the peer connects to it; from any thread. */
    void sendInfo(String json) {
        if (!closing()) {
            queue().send("INFO " + json);
            queue().requestWrite();
        }
    }

    void registering() {
        log().debug("Registering remote route \"" + remoteId + "\"");
    }

    void sentLocalInterest() {
        log().debug("Sent local subscriptions to route");
    }
}
