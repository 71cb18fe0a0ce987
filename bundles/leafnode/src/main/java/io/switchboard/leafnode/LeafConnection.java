package io.switchboard.leafnode;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.spi.auth.SubjectRules;
import io.switchboard.core.spi.link.InterestWatch;
import io.switchboard.core.spi.link.LinkCloseReason;
import io.switchboard.core.spi.link.LinkConnection;
import io.switchboard.core.spi.link.LinkDescription;
import io.switchboard.core.spi.link.LinkInterestListener;
import io.switchboard.core.spi.link.LinkLog;
import io.switchboard.core.spi.link.LinkMessage;
import io.switchboard.core.spi.link.LinkProtocol;
import io.switchboard.core.spi.link.LinkProtocolException;
import io.switchboard.core.spi.link.LinkSession;
import io.switchboard.core.spi.link.LinkTls;
import io.switchboard.core.spi.link.LinkUrl;
import io.switchboard.core.spi.link.LocalInterestListener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One leaf node connection. On the server that connected (a spoke, towards its hub) it waits for
 * the hub's INFO, answers with CONNECT (credentials, or the nonce signed with the credentials
 * file's seed) and, once the hub's second INFO says it was admitted, tells the hub about this
 * server's local interest. On the server that accepted it (the hub) it greets the spoke with an
 * INFO and a nonce, admits its CONNECT into the account its user is bound to, and tells it about
 * all interest there is here but the spoke's own. Both sides subscribe to their account's loop
 * detection subject; seeing one's own come back is a loop.
 */
final class LeafConnection extends LinkConnection {

    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a solicited connection waits for the hub's INFO and its admission, as nats-server does. */
    private static final Duration CONNECT_PROCESS_TIMEOUT = Duration.ofSeconds(2);

    private final Leafnodes leafnodes;
    private final RemoteLeaf remote;
    private final LinkUrl url;
    /** Whether the peer is framed by WebSocket, whose TLS (if any) came before it. */
    private final boolean webSocket;

    private volatile String account;
    private volatile boolean registered;
    private volatile List<String> denied = List.of();
    private List<String> denyImports = List.of();
    private boolean infoReceived;
    private boolean connectReceived;
    private String nonce;
    private volatile String remoteId = "";
    private volatile String remoteName = "";
    private volatile String remoteCluster = "";
    private InterestWatch watch;

    /**
     * {@code remote} and {@code url} are where this connection was solicited, null for an accepted
     * one; {@code webSocket} when it travels in WebSocket frames.
     */
    LeafConnection(Leafnodes leafnodes, RemoteLeaf remote, LinkUrl url, boolean webSocket) {
        super(leafnodes.links(), remote != null);
        this.leafnodes = leafnodes;
        this.remote = remote;
        this.url = url;
        this.webSocket = webSocket;
        if (remote != null) {
            account = remote.options().account();
            denied = remote.options().denyExports();
            denyImports = remote.options().denyImports();
        }
    }

    boolean solicited() {
        return remote != null;
    }

    RemoteLeaf remote() {
        return remote;
    }

    /** The local account this connection is bound to; null until an accepted one is admitted. */
    String account() {
        return account;
    }

    boolean registered() {
        return registered;
    }

    String remoteId() {
        return remoteId;
    }

    /** What /leafz shows of the peer: a solicited remote is the configured one, an accepted one is not. */
    @Override
    public LinkDescription describe() {
        String bound = account;
        return new LinkDescription(remoteId, remoteName, solicited(), solicited(), bound == null ? "" : bound, Map.of());
    }

    String remoteName() {
        return remoteName;
    }

    String remoteCluster() {
        return remoteCluster;
    }

    LinkLog logger() {
        return log();
    }

    // ---- lifecycle ----

    @Override
    protected void opened() {
        if (solicited()) {
            log().info("Leafnode connection created for account: " + account);
            startAuthTimer(CONNECT_PROCESS_TIMEOUT);
            return;
        }
        log().info("Leafnode connection created");
        nonce = leafnodes.newNonce();
        send("INFO " + leafnodes.infoJson(nonce, id(), null));
        startAuthTimer(leafnodes.options().authTimeout());
        queue().write();
        LinkTls tls = leafnodes.tls();
        if (tls != null && !webSocket) {
            // the INFO went out in the clear, as nats-server sends it; what follows is TLS
            channel().pipeline().addFirst("tls", tls.handler(channel(), null));
        }
    }

    @Override
    protected void closed() {
        if (watch != null) {
            watch.cancel();
        }
        registered = false;
        leafnodes.closed(this);
    }

    /** A newer connection from the same server replaced this one: the peer is told, and this one closes. */
    void duplicate() {
        channel().eventLoop().execute(() -> {
            if (!closing()) {
                log().error("Duplicate Remote LeafNode Connection");
                sendErr("Duplicate Remote LeafNode Connection");
                close(LinkCloseReason.DUPLICATE_LEAF);
            }
        });
    }

    // ---- the peer's protocol ----

    @Override
    public void info(String json) throws LinkProtocolException {
        if (!solicited()) {
            return;
        }
        Map<String, Object> info = LinkProtocol.parse(json);
        if (!infoReceived) {
            infoReceived = true;
            if (!(info.get("client_id") instanceof Number) || !info.containsKey("leafnode_urls")) {
                log().error("attempted to connect to wrong port");
                close(LinkCloseReason.WRONG_PORT);
                return;
            }
            remoteId = LinkProtocol.text(info, "server_id");
            String name = LinkProtocol.text(info, "server_name");
            remoteName = name.isEmpty() ? remoteId : name;
            remoteCluster = LinkProtocol.text(info, "cluster");
            if (!startTls(Boolean.TRUE.equals(info.get("tls_required")))) {
                return;
            }
            String connect;
            try {
                connect = leafnodes.connectJson(remote, url, LinkProtocol.text(info, "nonce"));
            } catch (Exception e) {
                log().error(e.getMessage());
                close(LinkCloseReason.AUTHENTICATION_VIOLATION);
                return;
            }
            send("CONNECT " + connect);
            log().debug("Remote leafnode connect msg sent");
            queue().write();
        }
        remote.learned(LinkProtocol.strings(info.get("leafnode_urls")));
        if (Boolean.TRUE.equals(info.get("connect_info")) && !registered) {
            admitted();
        }
    }

    /** The hub admitted this connection: it hears of this server's local interest from now on. */
    private void admitted() {
        authenticated();
        registered = true;
        session().origin(remoteCluster);
        LeafInterest interest = new LeafInterest(this::sendLines, this::mayImport);
        watch = leafnodes.links().watchLocalInterest(new LocalInterestListener() {
            @Override
            public void added(String account, String subject, String queue) {
                if (account.equals(LeafConnection.this.account)) {
                    interest.added(subject, queue);
                }
            }

            @Override
            public void removed(String account, String subject, String queue) {
                if (account.equals(LeafConnection.this.account)) {
                    interest.removed(subject, queue);
                }
            }
        });
        interest.added(leafnodes.loopSubject(account), null);
        leafnodes.links().leafImports(account).forEach(subject -> interest.added(subject, null));
        interest.started();
        leafnodes.registered(this);
        startPinging(FIRST_PING_NANOS);
    }

    /** What this spoke subscribes to at the hub: not what {@code deny_imports} names, but its loop detection subject always. */
    private boolean mayImport(String subject) {
        return subject.startsWith(Leafnodes.LOOP_PREFIX) || !SubjectRules.matchesAny(denyImports, subject);
    }

    @Override
    public void connect(String json) throws LinkProtocolException {
        if (solicited() || connectReceived) {
            return;
        }
        Map<String, Object> connect = LinkProtocol.parse(json);
        if (connect.containsKey("lang")) {
            log().error("attempted to connect to leaf node port");
            sendErr("attempted to connect to leaf node port");
            close(LinkCloseReason.WRONG_PORT);
            return;
        }
        String gateway = LinkProtocol.text(connect, "gateway");
        if (!gateway.isEmpty()) {
            String text = "Rejecting connection from gateway \"" + gateway + "\" on the leafnode port";
            log().error(text);
            sendErr(text);
            close(LinkCloseReason.WRONG_GATEWAY);
            return;
        }
        String cluster = LinkProtocol.text(connect, "cluster");
        if (!cluster.isEmpty() && cluster.equals(leafnodes.clusterName())) {
            log().error("remote leafnode has same cluster name");
            sendErr("remote leafnode has same cluster name");
            close(LinkCloseReason.CLUSTER_NAME_CONFLICT);
            return;
        }
        String bound = leafnodes.admit(LinkProtocol.text(connect, "user"), LinkProtocol.text(connect, "pass"));
        if (bound == null) {
            authorizationViolation();
            return;
        }
        connectReceived = true;
        account = bound;
        remoteId = LinkProtocol.text(connect, "server_id");
        remoteName = LinkProtocol.text(connect, "name");
        remoteCluster = cluster;
        denied = LinkProtocol.strings(connect.get("deny_pub"));
        authenticated();
        session().origin(cluster);
        leafnodes.replaceDuplicate(this);
        send("INFO " + leafnodes.infoJson(null, id(), bound));
        registered = true;
        LeafInterest interest = new LeafInterest(this::sendLines, subject -> true);
        LinkSession own = session();
        watch = leafnodes.links().watchAllInterest(new LinkInterestListener() {
            @Override
            public void added(String account, String subject, String queue, LinkSession from) {
                if (heard(account, from, own)) {
                    interest.added(subject, queue);
                }
            }

            @Override
            public void removed(String account, String subject, String queue, LinkSession from) {
                if (heard(account, from, own)) {
                    interest.removed(subject, queue);
                }
            }
        });
        interest.added(leafnodes.loopSubject(bound), null);
        leafnodes.links().leafImports(bound).forEach(subject -> interest.added(subject, null));
        interest.started();
        leafnodes.registered(this);
        startPinging(FIRST_PING_NANOS);
    }

    /**
     * Whether the spoke hears of a subscription: one of its account's, not its own, and not one of
     * its own cluster's, which that cluster's routes carry.
     */
    private boolean heard(String account, LinkSession from, LinkSession own) {
        if (!account.equals(this.account) || from == own) {
            return false;
        }
        String origin = from == null ? null : from.origin();
        return origin == null || !origin.equals(own.origin());
    }

    @Override
    public void ping() {
        if (solicited() || connectReceived) {
            send("PONG");
        } else {
            authorizationViolation();
        }
    }

    @Override
    public void subscribe(String ignored, String subject, String queue, int weight) {
        if (!admittedPeer("LS+")) {
            return;
        }
        if (subject.equals(leafnodes.loopSubject(account))) {
            loopDetected(true);
            return;
        }
        if (solicited() && !subject.startsWith(Leafnodes.LOOP_PREFIX) && isLiteral(subject)
                && SubjectRules.matchesAny(denied, subject)) {
            return;
        }
        if (!session().addInterest(account, subject, queue, weight)) {
            log().error("Could not insert subscription: invalid subject \"" + subject + "\"");
            sendErr("Invalid Subscription");
        }
    }

    @Override
    public void unsubscribe(String ignored, String subject, String queue) {
        if (admittedPeer("LS-")) {
            session().removeInterest(account, subject, queue);
        }
    }

    @Override
    public void accountInterest(String account, boolean interested) throws LinkProtocolException {
        throw LinkProtocolException.unknownOperation(interested ? "A+" : "A-");
    }

    @Override
    public void message(LinkMessage message) {
        if (!admittedPeer("LMSG") || closing()) {
            return;
        }
        if (solicited() && SubjectRules.matchesAny(denyImports, message.subject())) {
            return;
        }
        session().deliver(account, message.subject(), message.reply(), message.headerSize(), message.data(),
                message.queues());
    }

    /**
     * Starts TLS towards the hub when the remote has it or the hub requires it, before CONNECT;
     * false when the hub requires it and the remote has no {@code tls} block to do it with. Over
     * WebSocket, TLS is the WebSocket's, started before the upgrade.
     */
    private boolean startTls(boolean required) {
        if (webSocket) {
            return true;
        }
        LinkTls tls = remote.tls();
        if (tls == null) {
            if (required) {
                log().error("Hub requires TLS, but the remote has no tls block");
                close(LinkCloseReason.PROTOCOL_VIOLATION);
                return false;
            }
            return true;
        }
        channel().pipeline().addFirst("tls", tls.handler(channel(), url));
        return true;
    }

    /** Whether the peer may send {@code op} now; an accepted peer that has not authenticated is closed. */
    private boolean admittedPeer(String op) {
        if (registered) {
            return true;
        }
        if (!solicited()) {
            authorizationViolation();
        } else {
            log().debug("Ignoring " + op + " before the hub admitted this connection");
        }
        return false;
    }

    @Override
    public void error(String text) {
        logError(text);
        if (text.contains("Loop detected")) {
            loopDetected(false);
        } else if (text.contains("remote leafnode has same cluster name") && remote != null) {
            remote.delay(Leafnodes.DELAY_AFTER_REFUSAL);
            log().error("Leafnode connection dropped with same cluster name error. Delaying attempt to reconnect for "
                    + Leafnodes.format(Leafnodes.DELAY_AFTER_REFUSAL));
        }
    }

    /**
     * This server's loop detection subject came back, or the peer saw its own come back: the
     * connection closes, and a solicited one connects again only after a while.
     */
    private void loopDetected(boolean tellPeer) {
        if (remote != null) {
            remote.delay(Leafnodes.DELAY_AFTER_REFUSAL);
        }
        String text = "Loop detected for leafnode account=\"" + account + "\". Delaying attempt to reconnect for "
                + Leafnodes.format(Leafnodes.DELAY_AFTER_REFUSAL);
        if (tellPeer) {
            sendErr(text);
        }
        log().error(text);
        close(LinkCloseReason.PROTOCOL_VIOLATION);
    }

    // ---- messages for the peer, from any publisher's loop ----

    @Override
    public boolean forward(String account, String subject, String reply, int headerSize, ByteBuf data,
                           List<String> queues) {
        if (!registered || closing() || !account.equals(this.account)
                || (!denied.isEmpty() && SubjectRules.matchesAny(denied, subject))) {
            return false;
        }
        return queueMessage(LinkMessage.controlLine(null, subject, reply, headerSize, data.readableBytes(), queues),
                data);
    }

    private static boolean isLiteral(String subject) {
        for (String token : subject.split("\\.")) {
            if (token.equals("*") || token.equals(">")) {
                return false;
            }
        }
        return true;
    }
}
