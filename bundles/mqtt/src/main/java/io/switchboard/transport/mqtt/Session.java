package io.switchboard.transport.mqtt;

import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.transport.mqtt.TopicMapping.TopicException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT session: its subscriptions, the QoS 1 and 2 messages on their way to its client and
 * the QoS 2 packet ids on their way in. Its NATS link lives as long as the session, so a
 * persistent session goes on collecting messages while its client is away; a persistent session
 * keeps all of that in the store as well. Every method is synchronized: the link's loop
 * delivers, the connection's loop (not always the same one) acts.
 */
final class Session implements NatsLink.Deliveries {

    /** A message the core delivered, before it is matched to the subscriptions it came for. */
    private record Pending(int packetId, int qos, String subject, int reasonCode) {
    }

    private final SessionKey key;
    private final String username;
    private final SessionContext context;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, Subscription> bySid = new HashMap<>();
    private final LinkedHashMap<Integer, Outgoing> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();
    private final Set<Integer> qos2Received = new HashSet<>();
    private final List<Pending> unacknowledged = new ArrayList<>();
    private NatsLink link;
    private ClientPort client;
    /** Seconds the session outlives its connection: 0 ends it with the connection, {@link Properties5#NEVER} never. */
    private long expirySeconds;
    private long detachedAtMillis;
    private ScheduledFuture<?> expiryTimer;
    private ScheduledFuture<?> willTimer;
    private AppMessage pendingWill;
    /** Tells this session's own messages apart, for its no-local subscriptions. */
    private final String origin = UUID.randomUUID().toString();
    private boolean stored;
    private boolean ended;
    private int nextSid = 1;
    private int nextPacketId = 1;

    Session(SessionKey key, String username, SessionContext context, NatsLink link) {
        this.key = key;
        this.username = username;
        this.context = context;
        this.link = link;
        link.deliverTo(this);
    }

    /** A session as the store kept it: without a link until its client comes back, and its expiry running. */
    Session(MqttStore.StoredSession kept, SessionContext context) {
        this.key = kept.key();
        this.username = kept.state().username();
        this.context = context;
        this.expirySeconds = kept.state().expirySeconds();
        this.detachedAtMillis = kept.state().detachedAtMillis();
        this.stored = true;
        kept.state().subscriptions().forEach(sub -> subscriptions.put(sub.filter(), sub));
        qos2Received.addAll(kept.state().qos2Received());
        for (Outgoing out : kept.messages()) {
            if (out.packetId() == 0) {
                queued.add(out);
            } else {
                inflight.put(out.packetId(), out);
            }
        }
        scheduleExpiry();
    }

    /** Whether the session had expired while the broker was down. */
    synchronized boolean expired(long nowMillis) {
        return expirySeconds != Properties5.NEVER && nowMillis - detachedAtMillis >= expirySeconds * 1000;
    }

    SessionKey key() {
        return key;
    }

    synchronized boolean belongsTo(String user) {
        return username.equals(user);
    }

    /**
     * A session kept while the broker was down has no link: {@code fresh} serves it from now on,
     * with every subscription it had.
     */
    synchronized void adoptIfUnlinked(NatsLink fresh) {
        if (link != null) {
            fresh.closeAfterWrites();
            return;
        }
        link = fresh;
        fresh.deliverTo(this);
        bySid.clear();
        List<Subscription> kept = List.copyOf(subscriptions.values());
        kept.forEach(sub -> subscriptions.put(sub.filter(), open(sub)));
        fresh.flush();
    }

    synchronized ClientPort client() {
        return client;
    }

    /**
     * {@code port} is this session's client now; what it had not acknowledged is sent again
     * [MQTT-4.4.0-1], then what waited for it.
     */
    synchronized void attach(ClientPort port, long expiry) {
        this.client = port;
        this.expirySeconds = expiry;
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
        if (willTimer != null) {
            willTimer.cancel(false);
            willTimer = null;
            pendingWill = null;
        }
        saveState();
        for (Outgoing out : inflight.values()) {
            if (out.released()) {
                port.ack(ClientPort.AckType.PUBREL, out.packetId(), ReasonCodes.SUCCESS);
            } else {
                port.publish(out.message(), out.packetId(), true, out.subscriptionId());
            }
        }
        drain();
        port.flush();
    }

    /** {@code port}'s connection closed; a session that ends with it ends now. */
    synchronized void detach(ClientPort port) {
        if (client != port) {
            return;
        }
        client = null;
        if (expirySeconds == 0) {
            end();
            return;
        }
        detachedAtMillis = System.currentTimeMillis();
        saveState();
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        if (expirySeconds == Properties5.NEVER) {
            return;
        }
        long left = Math.max(0, detachedAtMillis + expirySeconds * 1000 - System.currentTimeMillis());
        expiryTimer = context.timers().schedule(this::expire, left, TimeUnit.MILLISECONDS);
    }

    private synchronized void expire() {
        if (client == null && !ended) {
            context.log().info("MQTT session \"" + key + "\" expired");
            end();
        }
    }

    /** The transport stops: timers are cancelled; the store keeps what it has. */
    synchronized void stop() {
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        if (willTimer != null) {
            willTimer.cancel(false);
        }
    }

    /** A persistent session's state goes to the store; a session that ends with its connection is never stored. */
    private void saveState() {
        if (expirySeconds == 0 || ended) {
            return;
        }
        if (!stored) {
            stored = true;
            inflight.values().forEach(out -> context.store().putMessage(key, out));
            queued.forEach(out -> context.store().putMessage(key, out));
        }
        context.store().saveSession(key, new StoredForms.SessionState(username, expirySeconds, detachedAtMillis,
                List.copyOf(subscriptions.values()), List.copyOf(qos2Received)));
    }

    private void storeMessage(Outgoing out) {
        if (stored) {
            context.store().putMessage(key, out);
        }
    }

    private void forgetMessage(Outgoing out) {
        if (stored) {
            context.store().removeMessage(key, out.seq());
        }
    }

    /** The session is over: its link closes once it has sent what it was given, and it leaves the registry. */
    synchronized void end() {
        if (ended) {
            return;
        }
        if (pendingWill != null) {
            willTimer.cancel(false);
            AppMessage will = pendingWill;
            pendingWill = null;
            publishWill(will);
        }
        ended = true;
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        if (link != null) {
            link.closeAfterWrites();
        }
        if (stored) {
            context.store().removeSession(key);
        }
        context.sessions().remove(this);
    }

    /**
     * A PUBLISH from the client. QoS 1 and 2 are acknowledged in {@link #readBatchEnd} once the core
     * has routed them. False when the client has more QoS 1 and 2 messages unacknowledged than the
     * receive maximum this server announced (MQTT 5.0, 4.9): the message is not taken.
     */
    synchronized boolean publish(AppMessage message, int packetId) throws TopicException {
        String subject = TopicMapping.publishSubject(message.topic());
        if (message.qos() > 0 && qos2Received.size() + unacknowledged.size() >= context.settings().maxAckPending()
                && !qos2Received.contains(packetId)) {
            return false;
        }
        if (message.qos() == 2 && qos2Received.contains(packetId)) {
            unacknowledged.add(new Pending(packetId, 2, null, ReasonCodes.SUCCESS));
            return true;
        }
        if (message.qos() > 0 && client != null && client.isMqtt5() && context.store().full()) {
            context.stats().storeFull();
            unacknowledged.add(new Pending(packetId, message.qos(), null, ReasonCodes.QUOTA_EXCEEDED));
            return true;
        }
        if (message.qos() == 2) {
            qos2Received.add(packetId);
            saveState();
        }
        route(subject, message);
        if (message.qos() > 0) {
            unacknowledged.add(new Pending(packetId, message.qos(), subject, ReasonCodes.SUCCESS));
        }
        return true;
    }

    /**
     * Publishes {@code message} to {@code subject} as this session's client: retained if it asks
     * to be, with its QoS, retain flag and (for the session's own no-local subscriptions) its
     * origin in headers, and its response topic as the reply subject.
     */
    private void route(String subject, AppMessage message) throws TopicException {
        String reply = message.responseTopic() == null ? null : TopicMapping.publishSubject(message.responseTopic());
        if (message.retain() && !context.retained().retain(key.account(), subject, message)) {
            context.stats().storeFull();
        }
        NatsHeaders headers = message.headers().with(Properties5.QOS, Integer.toString(message.qos()));
        if (message.retain()) {
            headers = headers.with(Properties5.RETAIN, "1");
        }
        if (subscriptions.values().stream().anyMatch(Subscription::noLocal)) {
            headers = headers.with(Properties5.ORIGIN, origin);
        }
        link.publish(subject, reply, headers, message.payload());
    }

    /** A will: published as the client would have, without acknowledgement. Its topic was checked with the CONNECT. */
    synchronized void publishWill(AppMessage will) {
        willTimer = null;
        if (link == null) {
            return;
        }
        try {
            route(TopicMapping.publishSubject(will.topic()), will);
            link.flush();
        } catch (TopicException e) {
            context.log().error(key.toString(), "will not published: " + e.getMessage());
        }
    }

    /**
     * MQTT 5's will delay: the will waits {@code seconds}, and is dropped if the client comes back
     * to the session before; it goes at once when the session ends first.
     */
    synchronized void publishWillLater(AppMessage will, long seconds) {
        pendingWill = will;
        willTimer = context.timers().schedule(() -> {
            synchronized (this) {
                if (pendingWill == will) {
                    pendingWill = null;
                    publishWill(will);
                }
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /** The end of a batch of packets from the client: the PUBACKs and PUBRECs wait until the core has had the messages. */
    synchronized void readBatchEnd() {
        if (unacknowledged.isEmpty() || link == null) {
            if (link != null) {
                link.flush();
            }
            return;
        }
        List<Pending> acks = List.copyOf(unacknowledged);
        unacknowledged.clear();
        link.sync(errors -> acknowledge(acks, errors));
    }

    private synchronized void acknowledge(List<Pending> acks, List<String> errors) {
        if (client == null) {
            return;
        }
        for (Pending p : acks) {
            boolean refused = p.subject() != null && errors.contains("Permissions Violation for Publish to \"" + p.subject() + "\"");
            client.ack(p.qos() == 1 ? ClientPort.AckType.PUBACK : ClientPort.AckType.PUBREC, p.packetId(),
                    refused ? ReasonCodes.NOT_AUTHORIZED : p.reasonCode());
        }
        client.flush();
    }

    /** PUBREL: the client's QoS 2 message is done. */
    synchronized void released(int packetId) {
        boolean known = qos2Received.remove(packetId);
        if (known) {
            saveState();
        }
        client.ack(ClientPort.AckType.PUBCOMP, packetId, known ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND);
    }

    /** PUBACK for QoS 1, PUBCOMP for QoS 2. */
    synchronized void acknowledged(int packetId) {
        Outgoing out = inflight.remove(packetId);
        if (out != null) {
            forgetMessage(out);
            drain();
        }
    }

    /** PUBREC: the client has the QoS 2 message; it is released. */
    synchronized void received(int packetId, int reasonCode) {
        Outgoing out = inflight.get(packetId);
        if (out == null) {
            client.ack(ClientPort.AckType.PUBREL, packetId, ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND);
            return;
        }
        if (reasonCode >= ReasonCodes.UNSPECIFIED_ERROR) {
            acknowledged(packetId);
            return;
        }
        Outgoing released = out.release();
        inflight.put(packetId, released);
        storeMessage(released);
        client.ack(ClientPort.AckType.PUBREL, packetId, ReasonCodes.SUCCESS);
    }

    /**
     * SUBSCRIBE: each filter replaces one the session had [MQTT-3.8.4-3]. The SUBACK waits until
     * the core has the subscriptions and said which it refused; retained messages follow it.
     */
    synchronized void subscribe(int packetId, List<Subscription> requested) {
        List<Integer> codes = new ArrayList<>();
        List<Subscription> made = new ArrayList<>();
        List<Boolean> fresh = new ArrayList<>();
        for (Subscription wanted : requested) {
            Subscription sub = open(wanted);
            made.add(sub);
            Subscription old = subscriptions.put(sub.filter(), sub);
            fresh.add(old == null);
            if (old != null) {
                close(old);
            }
        }
        link.sync(errors -> {
            synchronized (this) {
                for (Subscription sub : made) {
                    boolean refused = sub.subjects().stream()
                            .anyMatch(s -> errors.contains("Permissions Violation for Subscription to \"" + s + "\""));
                    if (refused) {
                        subscriptions.remove(sub.filter(), sub);
                        close(sub);
                        codes.add(client != null && client.isMqtt5() ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.V3_SUBACK_FAILURE);
                    } else {
                        codes.add(sub.qos());
                    }
                }
                saveState();
                if (client == null) {
                    return;
                }
                client.subscribed(packetId, codes);
                for (int i = 0; i < made.size(); i++) {
                    if (codes.get(i) < ReasonCodes.UNSPECIFIED_ERROR) {
                        sendRetained(made.get(i), fresh.get(i));
                    }
                }
                client.flush();
            }
        });
    }

    private Subscription open(Subscription wanted) {
        List<Integer> sids = new ArrayList<>();
        for (String subject : wanted.subjects()) {
            int sid = nextSid++;
            sids.add(sid);
            link.subscribe(subject, wanted.queue(), sid);
        }
        Subscription sub = wanted.withSids(sids);
        sub.sids().forEach(sid -> bySid.put(sid, sub));
        return sub;
    }

    private void close(Subscription sub) {
        for (int sid : sub.sids()) {
            bySid.remove(sid);
            link.unsubscribe(sid);
        }
    }

    /**
     * The retained messages a new subscription gets, as its retain handling says; a shared
     * subscription gets none (MQTT 5.0, 4.8.2).
     */
    private void sendRetained(Subscription sub, boolean isNew) {
        if (sub.queue() != null || sub.retainHandling() == 2 || sub.retainHandling() == 1 && !isNew) {
            return;
        }
        boolean hidesDollar = TopicMapping.hidesDollarTopics(sub.filter());
        long now = System.currentTimeMillis();
        for (String subject : sub.subjects()) {
            for (AppMessage retained : context.retained().matching(key.account(), subject, hidesDollar)) {
                if (!retained.expired(now)) {
                    deliver(retained.withQos(Math.min(retained.qos(), sub.qos())), sub.identifier());
                }
            }
        }
    }

    /** UNSUBSCRIBE. */
    synchronized void unsubscribe(int packetId, List<String> filters) {
        List<Integer> codes = new ArrayList<>();
        for (String filter : filters) {
            Subscription sub = subscriptions.remove(filter);
            if (sub != null) {
                close(sub);
            }
            codes.add(sub != null ? ReasonCodes.SUCCESS : ReasonCodes.NO_SUBSCRIPTION_EXISTED);
        }
        saveState();
        link.flush();
        client.unsubscribed(packetId, codes);
    }

    /**
     * A message the core delivered for one of the session's NATS subscriptions: its topic, QoS
     * (the lower of the publisher's and the subscription's), retain flag and response topic as
     * MQTT gives them to the subscription.
     */
    @Override
    public synchronized void message(ServerOp.Msg msg) {
        Subscription sub = bySid.get(msg.sid());
        if (sub == null) {
            return;
        }
        String topic = TopicMapping.topic(msg.subject());
        NatsHeaders headers = msg.headers();
        if (TopicMapping.hidesDollarTopics(sub.filter()) && topic.startsWith("$")
                || sub.noLocal() && origin.equals(headers.first(Properties5.ORIGIN))) {
            return;
        }
        String published = headers.first(Properties5.QOS);
        int qos = published == null || published.isEmpty() ? 0 : Math.max(0, Math.min(published.charAt(0) - '0', 2));
        boolean retain = sub.retainAsPublished() && "1".equals(headers.first(Properties5.RETAIN));
        String responseTopic = msg.reply() == null ? null : TopicMapping.topic(msg.reply());
        deliver(new AppMessage(topic, msg.payload(), Math.min(qos, sub.qos()), retain,
                headers.without(Properties5.QOS).without(Properties5.RETAIN).without(Properties5.ORIGIN), responseTopic),
                sub.identifier());
    }

    /** Sends {@code message} now if the client is there and its window has room, else keeps it, within the limits. */
    private void deliver(AppMessage message, int subscriptionId) {
        if (message.qos() == 0) {
            if (client != null) {
                client.publish(message, 0, false, subscriptionId);
            }
            return;
        }
        if (queued.size() >= context.settings().maxQueued()) {
            context.stats().droppedQueueFull();
            context.log().queueFull(key, queued.size());
            return;
        }
        if (stored && context.store().full()) {
            context.stats().storeFull();
            context.log().storeFull(key);
            return;
        }
        Outgoing out = new Outgoing(context.store().nextSeq(), 0, message, false, subscriptionId);
        if (client != null && queued.isEmpty() && inflight.size() < window()) {
            send(out);
            return;
        }
        queued.add(out);
        storeMessage(out);
    }

    private void drain() {
        while (client != null && !queued.isEmpty() && inflight.size() < window()) {
            send(queued.poll());
        }
    }

    /**
     * Sends a waiting message with a packet id of its own. One that expired meanwhile, or that the
     * client's maximum packet size refuses, is done with as if delivered (MQTT 5.0, 3.3.2.3.3, 3.1.2.11.4).
     */
    private void send(Outgoing waiting) {
        if (waiting.message().expired(System.currentTimeMillis())) {
            forgetMessage(waiting);
            return;
        }
        Outgoing out = waiting.sentAs(nextPacketId());
        if (!client.publish(out.message(), out.packetId(), false, out.subscriptionId())) {
            forgetMessage(waiting);
            return;
        }
        inflight.put(out.packetId(), out);
        storeMessage(out);
    }

    private int window() {
        return Math.min(context.settings().maxAckPending(), client.receiveMaximum());
    }

    private int nextPacketId() {
        while (inflight.containsKey(nextPacketId)) {
            nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
        }
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
        return id;
    }

    @Override
    public synchronized void batchEnd() {
        if (client != null) {
            client.flush();
        }
    }

    @Override
    public synchronized void linkClosed() {
        link = null;
        if (!ended && client != null) {
            client.disconnect(ReasonCodes.NOT_AUTHORIZED, "NATS side of the session closed");
        }
    }
}
