package io.switchboard.gateway;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.spi.link.LinkCloseReason;
import io.switchboard.core.spi.link.LinkConnection;
import io.switchboard.core.spi.link.LinkDescription;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.link.LinkMessage;
import io.switchboard.core.spi.link.LinkProtocol;
import io.switchboard.core.spi.link.LinkProtocolException;
import io.switchboard.core.spi.link.LinkUrl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gateway connection. An outbound one (solicited) carries this cluster's messages to the
 * remote cluster and hears what it wants ({@code RS+}, {@code RS-}, {@code A+}, {@code A-}); an
 * inbound one (accepted) brings the remote cluster's messages and tells it what this cluster
 * wants. Publishers on other loops only queue.
 */
final class GatewayConnection extends LinkConnection {

    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Gateway gateway;
    private final RemoteGateway remote;
    private final LinkUrl url;

    private volatile OutboundInterest interest;
    private volatile boolean registered;
    private volatile String remoteName;
    private volatile String remoteId = "";
    private boolean connectReceived;
    private boolean infoReceived;
    private boolean mapReplies;
    private final Set<String> accountsRefused = ConcurrentHashMap.newKeySet();

    /** {@code remote} and {@code url} are where this connection was solicited, null for an inbound one. */
    GatewayConnection(Gateway gateway, RemoteGateway remote, LinkUrl url) {
        super(gateway.links(), LinkKind.GATEWAY);
        this.gateway = gateway;
        this.remote = remote;
        this.url = url;
        this.remoteName = remote == null ? null : remote.name();
    }

    boolean outbound() {
        return remote != null;
    }

    RemoteGateway remote() {
        return remote;
    }

    String remoteName() {
        return remoteName;
    }

    /**
     * For monitoring: an outbound connection's mode per account as the peer set it; an inbound one's
     * is interest-only for every account, which this server announces with {@code gateway_iom}.
     */
    @Override
    public LinkDescription describe() {
        String name = remoteName;
        OutboundInterest modes = interest;
        Map<String, String> interestModes = new TreeMap<>();
        if (registered) {
            for (String account : gateway.links().accountNames()) {
                interestModes.put(account, outbound() && modes != null ? modes.modeName(account) : "Interest-Only");
            }
        }
        return new LinkDescription(remoteId, name == null ? "" : name, outbound(), outbound() && !remote.implicit(), "",
                interestModes);
    }

    // ---- lifecycle, on the connection's event loop ----

    @Override
    protected void opened() {
        if (outbound()) {
            log().info("Creating outbound gateway connection to \"" + remote.name() + "\"");
        } else {
            log().info("Processing inbound gateway connection");
            send("INFO " + gateway.infoJson());
            startAuthTimer(gateway.options().authTimeout());
            queue().write();
        }
    }

    @Override
    protected void closed() {
        gateway.closed(this);
    }

    // ---- the peer's protocol ----

    @Override
    public void connect(String json) throws LinkProtocolException {
        if (outbound() || connectReceived) {
            return;
        }
        Map<String, Object> connect = LinkProtocol.parse(json);
        String theirs = LinkProtocol.text(connect, "gateway");
        if (theirs.isEmpty()) {
            log().error("attempted to connect to gateway port");
            sendErr("attempted to connect to gateway port");
            close(LinkCloseReason.WRONG_PORT);
            return;
        }
        GatewayOptions options = gateway.options();
        if (options.authRequired() && !(LinkProtocol.sameSecret(options.username(), LinkProtocol.text(connect, "user"))
                && LinkProtocol.sameSecret(options.password(), LinkProtocol.text(connect, "pass")))) {
            log().error("Authorization Error - gateway \"" + theirs + "\" sent wrong credentials");
            sendErr("Authorization Violation");
            close(LinkCloseReason.AUTHENTICATION_VIOLATION);
            return;
        }
        if (options.rejectUnknown() && gateway.registry().remote(theirs) == null) {
            log().error("Rejecting connection from gateway \"" + theirs + "\"");
            sendErr("Connection to gateway \"" + options.name() + "\" rejected");
            close(LinkCloseReason.WRONG_GATEWAY);
            return;
        }
        connectReceived = true;
        remoteName = theirs;
        authenticated();
        startPinging(FIRST_PING_NANOS);
    }

    @Override
    public void info(String json) throws LinkProtocolException {
        if (!outbound() && !connectReceived) {
            authorizationViolation();
            return;
        }
        Map<String, Object> info = LinkProtocol.parse(json);
        boolean first = !infoReceived;
        infoReceived = true;
        if (outbound()) {
            outboundInfo(info, first);
        } else if (first) {
            inboundRegistration(info);
        }
    }

    /**
     * The remote's INFO on an outbound connection: the first registers the connection; later ones
     * tell of other clusters (command 1), switch an account to interest-only mode (2 and 3), or
     * bring the remote cluster's gateway URLs anew. The URLs, first and new, go to the rest of this
     * cluster over the routes.
     */
    private void outboundInfo(Map<String, Object> info, boolean first) {
        String theirs = LinkProtocol.text(info, "gateway");
        if (theirs.isEmpty()) {
            sendErr("Attempt to connect to gateway \"" + remote.name() + "\" using wrong port");
            log().error("Attempt to connect to gateway \"" + remote.name() + "\" using wrong port");
            close(LinkCloseReason.WRONG_PORT);
            return;
        }
        int command = info.get("gateway_cmd") instanceof Number n ? n.intValue() : 0;
        List<String> urls = LinkProtocol.strings(info.get("gateway_urls"));
        if (!theirs.equals(remote.name())) {
            if (!first && command == 1) {
                gateway.learned(theirs, urls);
                return;
            }
            log().error("Failing connection to gateway \"" + remote.name() + "\", remote gateway name is \""
                    + theirs + "\"");
            sendErr("Connection from \"" + gateway.options().name() + "\" rejected, wanted to connect to \""
                    + remote.name() + "\", this is \"" + theirs + "\"");
            close(LinkCloseReason.WRONG_GATEWAY);
            return;
        }
        if (!urls.isEmpty()) {
            remote.replaceAnnouncedUrls(urls);
        }
        if (first) {
            if (!register(info)) {
                return;
            }
        } else if (command != 0) {
            switch (command) {
                case 2 -> commandAccount(info).ifPresent(interest::allSubscriptionsStart);
                case 3 -> commandAccount(info).ifPresent(interest::allSubscriptionsComplete);
                default -> log().debug("Received unknown command " + command + " from gateway \"" + theirs + "\"");
            }
            return;
        }
        gateway.tellCluster(theirs, remote.hostPorts());
    }

    /** Answers the remote's first INFO and registers this connection; false when it closes instead. */
    private boolean register(Map<String, Object> info) {
        mapReplies = Boolean.TRUE.equals(info.get("gateway_nrp"));
        send("CONNECT " + gateway.connectJson(remote, url));
        log().debug("Gateway connect protocol sent to \"" + remote.name() + "\"");
        send("INFO " + gateway.infoJson());
        interest = new OutboundInterest(session(), Boolean.TRUE.equals(info.get("gateway_iom")));
        if (!gateway.registerOutbound(this)) {
            close(LinkCloseReason.WRONG_GATEWAY);
            return false;
        }
        registered = true;
        remoteId = LinkProtocol.text(info, "server_id");
        log().info("Outbound gateway connection to \"" + remote.name() + "\" (" + LinkProtocol.text(info, "server_id")
                + ") registered");
        for (String account : gateway.links().accountNames()) {
            session().addInterest(account, GatewayHash.REPLY_PREFIX + remote.hash() + ".>", null, 1);
        }
        interest.start(gateway.links().accountNames());
        startPinging(FIRST_PING_NANOS);
        return true;
    }

    private Optional<String> commandAccount(Map<String, Object> info) {
        String payload = LinkProtocol.text(info, "gateway_cmd_payload");
        if (payload.isEmpty()) {
            sendErr("Account absent from receive-all-subscriptions command");
            close(LinkCloseReason.PROTOCOL_VIOLATION);
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private void inboundRegistration(Map<String, Object> info) {
        String theirs = LinkProtocol.text(info, "gateway");
        remoteName = theirs;
        remoteId = LinkProtocol.text(info, "server_id");
        gateway.registerInbound(this);
        registered = true;
        log().info("Inbound gateway connection from \"" + theirs + "\" (" + LinkProtocol.text(info, "server_id") + ") registered");
        gateway.learned(theirs, LinkProtocol.strings(info.get("gateway_urls")));
        gateway.gossipTo(this, theirs);
        gateway.joinInterest(this);
    }

    @Override
    public void ping() {
        if (outbound() || connectReceived) {
            send("PONG");
        }
    }

    @Override
    public void subscribe(String account, String subject, String queue, int weight) throws LinkProtocolException {
        OutboundInterest known = outboundInterest("RS+");
        if (known != null && !known.subscribe(account, subject, queue, weight)) {
            log().debug("Unknown account \"" + account + "\" for remote subject \"" + subject + "\"");
        }
    }

    @Override
    public void unsubscribe(String account, String subject, String queue) throws LinkProtocolException {
        OutboundInterest known = outboundInterest("RS-");
        if (known != null) {
            known.unsubscribe(account, subject, queue);
        }
    }

    @Override
    public void accountInterest(String account, boolean interested) throws LinkProtocolException {
        OutboundInterest known = outboundInterest(interested ? "A+" : "A-");
        if (known != null) {
            known.accountInterest(account, interested);
        }
    }

    private OutboundInterest outboundInterest(String op) throws LinkProtocolException {
        if (!outbound()) {
            log().error("Received " + op + " from gateway on inbound connection");
            close(LinkCloseReason.PROTOCOL_VIOLATION);
            return null;
        }
        if (interest == null) {
            throw new LinkProtocolException(op + " before INFO");
        }
        return interest;
    }

    @Override
    public void message(LinkMessage message) {
        if (outbound() || !registered || closing()) {
            return;
        }
        String subject = message.subject();
        String target = GatewayHash.targetCluster(subject);
        if (target != null) {
            if (!target.equals(gateway.ownHash())) {
                return;
            }
            subject = GatewayHash.originalSubject(subject);
        }
        String account = message.account();
        if (!session().deliver(account, subject, message.reply(), message.headerSize(), message.data(),
                message.queues())) {
            log().debug("Unknown account \"" + account + "\" for gateway message on subject: \"" + subject + "\"");
            if (accountsRefused.add(account)) {
                send("A- " + account);
            }
        }
    }

    // ---- messages for the remote cluster, from any publisher's loop ----

    @Override
    public boolean forward(String account, String subject, String reply, int headerSize, ByteBuf data,
                           List<String> queues) {
        OutboundInterest wanted = interest;
        if (closing() || !registered || wanted == null) {
            return false;
        }
        String target = GatewayHash.targetCluster(subject);
        if (target != null && !target.equals(remote.hash())) {
            return false;
        }
        if (queues.isEmpty() && target == null && !wanted.wants(account, subject)) {
            return false;
        }
        String sentReply = reply != null && mapReplies && GatewayHash.targetCluster(reply) == null
                ? gateway.replyPrefix() + reply : reply;
        String line = LinkMessage.controlLine(account, subject, sentReply, headerSize, data.readableBytes(), queues);
        return queueMessage(line, data);
    }
}
