package io.switchboard.core.link;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.FlushBatch;
import io.switchboard.core.routing.LinkSubscription;
import io.switchboard.core.routing.LinkTarget;
import io.switchboard.core.routing.Message;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.link.LinkPeer;
import io.switchboard.core.spi.link.LinkSession;
import io.switchboard.core.spi.monitor.SubscriptionView;
import io.switchboard.core.subject.Subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One link connection in the router: the subscriber of the remote server's interest, and the
 * publisher of what the remote server sends. Its interest is keyed as nats-server keys a route's
 * subscriptions: account, subject and queue.
 */
final class Session extends LinkTarget implements LinkSession {

    private final Function<String, Account> accounts;
    private final LinkPeer peer;
    private final Role role;
    private volatile String origin;
    private volatile long roundTripNanos;
    private final Consumer<Session> onClose;
    /** Changed on the connection's loop only; concurrent so that monitoring may read it from another thread. */
    private final Map<Key, Entry> interest = new ConcurrentHashMap<>();
    /** Written on the connection's loop only, read by monitoring: a stale value only shows an older count. */
    private long receivedMessages;
    private long receivedBytes;
    private final Message inbound = new Message();
    private final FlushBatch batch = new FlushBatch();
    private Account lastAccount;
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Key(String account, String subject, String queue) {
    }

    private record Entry(Account account, LinkSubscription subscription) {
    }

    /** {@code onClose} runs once, when the session first closes. */
    Session(Function<String, Account> accounts, LinkPeer peer, Role role, Consumer<Session> onClose) {
        this.accounts = accounts;
        this.peer = peer;
        this.role = role;
        this.onClose = onClose;
    }

    private Account account(String name) {
        Account last = lastAccount;
        if (last != null && last.name().equals(name)) {
            return last;
        }
        Account found = accounts.apply(name);
        if (found != null) {
            lastAccount = found;
        }
        return found;
    }

    @Override
    public boolean addInterest(String accountName, String subject, String queue, int weight) {
        Key key = new Key(accountName, subject, queue);
        Entry known = interest.get(key);
        if (known != null) {
            if (queue != null && known.subscription().queueWeight() != weight) {
                known.subscription().weight(weight);
                known.account().index().queueWeightChanged(known.subscription());
            }
            return true;
        }
        Account account = account(accountName);
        if (account == null || !Subjects.isValidSubject(subject)
                || (queue != null && !Subjects.isValidQueueName(queue))) {
            return false;
        }
        LinkSubscription subscription = new LinkSubscription(this, subject, queue, weight);
        interest.put(key, new Entry(account, subscription));
        account.addLinked(subscription);
        return true;
    }

    @Override
    public void removeInterest(String accountName, String subject, String queue) {
        Entry gone = interest.remove(new Key(accountName, subject, queue));
        if (gone != null) {
            gone.account().removeAllLinked(List.of(gone.subscription()));
        }
    }

    @Override
    public boolean deliver(String accountName, String subject, String reply, int headerSize, ByteBuf data,
                           List<String> queues) {
        Account account = account(accountName);
        if (account == null) {
            return false;
        }
        receivedMessages++;
        receivedBytes += data.readableBytes();
        // like nats-server, what a leaf node sends is mapped as a client's message would be
        String mapped = role.isLeaf() ? account.mapped(subject) : subject;
        if (mapped == null) {
            return true;
        }
        inbound.subject = mapped;
        inbound.reply = reply;
        inbound.headerSize = headerSize;
        inbound.payload(data);
        try {
            switch (role) {
                case GATEWAY -> account.deliverFromGateway(inbound, queues, batch);
                case ROUTE -> account.deliverFromLink(inbound, queues, batch);
                case SPOKE, HUB -> account.deliverFromLeaf(this, inbound, queues, batch);
            }
        } finally {
            inbound.payload(null, 0, 0);
        }
        return true;
    }

    @Override
    public void roundTrip(long nanos) {
        roundTripNanos = nanos;
    }

    @Override
    public void flush() {
        batch.flushAll();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
        Map<Account, List<LinkSubscription>> byAccount = new HashMap<>();
        for (Entry entry : interest.values()) {
            byAccount.computeIfAbsent(entry.account(), a -> new ArrayList<>()).add(entry.subscription());
        }
        interest.clear();
        byAccount.forEach(Account::removeAllLinked);
    }

    // ---- for monitoring, from any thread ----

    LinkPeer peer() {
        return peer;
    }

    LinkKind kind() {
        return switch (role) {
            case ROUTE -> LinkKind.ROUTE;
            case GATEWAY -> LinkKind.GATEWAY;
            case HUB, SPOKE -> LinkKind.LEAF;
        };
    }

    long receivedMessages() {
        return receivedMessages;
    }

    long receivedBytes() {
        return receivedBytes;
    }

    /** The remote interest: account, subject and queue of each entry. */
    List<SubscriptionView> interest(long id) {
        List<SubscriptionView> views = new ArrayList<>(interest.size());
        for (Key key : interest.keySet()) {
            views.add(new SubscriptionView(key.account(), key.subject(), key.queue() == null ? "" : key.queue(), "",
                    0, 0, id));
        }
        return views;
    }

    int interestCount() {
        return interest.size();
    }

    // ---- as the subscriber of the remote interest, on publishers' threads ----

    @Override
    public boolean forward(Account account, Message message, List<String> queues) {
        return peer.forward(account.name(), message.subject, message.reply, message.headerSize, message.payloadBuffer(), queues);
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public void origin(String cluster) {
        origin = cluster == null || cluster.isEmpty() ? null : cluster;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public long roundTripNanos() {
        return roundTripNanos;
    }

    @Override
    public void requestFlush() {
        peer.flush();
    }
}
