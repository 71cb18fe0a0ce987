package io.switchboard.core.routing;

import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * An account: its own subject space, isolated from every other account's. Local interest
 * (client subscriptions) and remote interest (behind links) share one index; links hear of
 * local interest through the server's {@link InterestFeed}.
 */
public final class Account {

    private final String name;
    private final SubjectIndex<Interest> index = new SubjectIndex<>();
    private final ResponseRoutes responses = new ResponseRoutes();
    private volatile AccountLinks links = AccountLinks.NONE;
    private final InterestFeed feed;
    /** What its connections did before they closed; added once per closed connection. */
    private volatile Traffic closedTraffic = Traffic.NONE;
    private final LongAdder slowConsumers = new LongAdder();

    public Account(String name, InterestFeed feed) {
        this.name = name;
        this.feed = feed;
    }

    public String name() {
        return name;
    }

    public SubjectIndex<Interest> index() {
        return index;
    }

    /** A connection of this account closed: what it did stays counted in the account's traffic. */
    public synchronized void connectionClosed(Traffic traffic) {
        closedTraffic = closedTraffic.plus(traffic);
    }

    /** The traffic of its connections that have closed. */
    public Traffic closedTraffic() {
        return closedTraffic;
    }

    /** One of its clients was cut as a slow consumer. */
    public void slowConsumer() {
        slowConsumers.increment();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    /** Sets what this account shares with other accounts and takes from them. */
    public void links(AccountLinks links) {
        this.links = links;
    }

    /** Whether an interest belongs to this server's own connections rather than to a link. */
    static boolean isLocal(Interest interest) {
        return !(interest.owner() instanceof LinkTarget);
    }

    /** Whether an interest is part of this cluster's: a local one or one a route brought. */
    static boolean isClusterInterest(Interest interest) {
        return !(interest.owner() instanceof LinkTarget link) || !link.isGateway();
    }

    private static boolean isGateway(Interest interest) {
        return interest.owner() instanceof LinkTarget link && link.isGateway();
    }

    /**
     * Adds interest a link brought; route interest is announced to the links that watch the
     * cluster's interest, gateway interest to nobody.
     */
    public void addLinked(LinkSubscription interest) {
        feed.change(() -> {
            index.insert(interest);
            if (isClusterInterest(interest)) {
                feed.added(this, interest);
            }
        });
    }

    /** Removes interest a link brought, at once for a closing link, and tells who watches it. */
    public void removeAllLinked(Collection<LinkSubscription> interests) {
        feed.change(() -> {
            for (Interest removed : index.removeAll(interests)) {
                if (isClusterInterest(removed)) {
                    feed.removed(this, removed);
                }
            }
        });
    }

    /** Adds a local subscription and tells the links. */
    public void addLocal(Interest interest) {
        feed.change(() -> {
            index.insert(interest);
            feed.added(this, interest);
        });
    }

    /** Removes a local subscription, if indexed, and tells the links. */
    public void removeLocal(Interest interest) {
        feed.change(() -> {
            if (index.remove(interest)) {
                feed.removed(this, interest);
            }
        });
    }

    /** Removes a closing connection's local subscriptions at once and tells the links. */
    public void removeAllLocal(Collection<? extends Interest> interests) {
        feed.change(() -> {
            for (Interest removed : index.removeAll(interests)) {
                feed.removed(this, removed);
            }
        });
    }

    /**
     * Delivers one message published on this server to every matching interest and to one
     * member of each matching queue group, local or behind a link; each link gets the message
     * once. Returns how many interests took it, a link's counting as taken once it is handed the
     * message. {@code echo} false skips the publisher's own interests.
     */
    public int publish(Object publisher, boolean echo, Message message, FlushBatch batch) {
        int delivered = deliverHere(publisher, echo, message, batch);
        batch.links().forward(this, message, batch);
        AccountLinks shared = links;
        if (!shared.isEmpty() || !responses.isEmpty()) {
            delivered += deliverAcross(shared, publisher, message, batch);
        }
        return delivered;
    }

    /**
     * Streams exported to other accounts, services imported from them, and responses owed to
     * the importers of this account's services. A message crosses one account boundary at most,
     * and only to this server's own subscribers: other servers do their own imports from the
     * original, which the links carry.
     */
    private int deliverAcross(AccountLinks shared, Object publisher, Message message, FlushBatch batch) {
        String subject = message.subject;
        int delivered = 0;
        for (AccountLinks.StreamRoute stream : shared.streams()) {
            SubjectMapping mapping = stream.mapping();
            if (mapping.matches(subject)) {
                delivered += stream.importer().deliverToLocal(message.redirected(mapping.map(subject), message.reply), batch);
            }
        }
        for (AccountLinks.ServiceRoute service : shared.services()) {
            SubjectMapping mapping = service.mapping();
            if (mapping.matches(subject)) {
                String reply = message.reply == null ? null
                        : service.exporter().responses.open(this, message.reply, service.streamed(), service.thresholdNanos());
                delivered += service.exporter().deliverToLocal(message.redirected(mapping.map(subject), reply), batch);
            }
        }
        if (subject.startsWith(ResponseRoutes.PREFIX)) {
            ResponseRoutes.Route route = responses.take(subject);
            if (route != null) {
                delivered += route.importer().deliverToLocal(message.redirected(route.reply(), null), batch);
            }
        }
        return delivered;
    }

    private int deliverHere(Object publisher, boolean echo, Message message, FlushBatch batch) {
        MatchResult<Interest> match = message.matchIn(index);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if ((echo || interest.owner() != publisher)
                    && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        for (int g = 0, groups = match.groupCount(); g < groups; g++) {
            if (deliverToGroup(match, g, publisher, echo, message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Every matching local interest and one local member of every matching queue group. */
    private int deliverToLocal(Message message, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = deliverToLocalPlain(match, message, batch);
        for (int g = 0, groups = match.groupCount(); g < groups; g++) {
            if (deliverToLocalMember(match, g, message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Delivers one message that came over a link to this server's own subscribers: every
     * matching local interest, and one local member of each queue group in {@code queues}, the
     * groups the sending server picked this one for. Nothing goes back out over a link.
     */
    public int deliverFromLink(Message message, List<String> queues, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = deliverToLocalPlain(match, message, batch);
        for (int q = 0, n = queues.size(); q < n; q++) {
            int g = match.groupIndex(queues.get(q));
            if (g >= 0 && deliverToLocalMember(match, g, message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Delivers one message that came over a gateway: to every matching interest of this cluster
     * (local, or behind a route, each route once), and to one member in this cluster of each queue
     * group in {@code queues}. Nothing goes to another gateway.
     */
    public int deliverFromGateway(Message message, List<String> queues, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (isClusterInterest(interest) && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        for (int q = 0, n = queues.size(); q < n; q++) {
            int g = match.groupIndex(queues.get(q));
            if (g >= 0 && deliverToClusterMember(match, g, message, batch)) {
                delivered++;
            }
        }
        batch.links().forward(this, message, batch);
        return delivered;
    }

    /** Starts at a random member and takes the first of this cluster that accepts the message. */
    private static boolean deliverToClusterMember(MatchResult<Interest> match, int g, Message message,
                                                  FlushBatch batch) {
        int size = match.groupSize(g);
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Interest member = match.member(g, (start + i) % size);
            if (isClusterInterest(member) && member.deliver(message, batch)) {
                return true;
            }
        }
        return false;
    }

    private static int deliverToLocalPlain(MatchResult<Interest> match, Message message, FlushBatch batch) {
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (isLocal(interest) && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Picks a random member of this cluster; when it cannot take the message, the next ones in
     * turn. Only a group without a taker in this cluster goes over a gateway: the nearest one.
     */
    private static boolean deliverToGroup(MatchResult<Interest> match, int g, Object publisher, boolean echo,
                                          Message message, FlushBatch batch) {
        int size = match.groupSize(g);
        Interest first = match.pickMember(g, ThreadLocalRandom.current());
        boolean firstIsGateway = isGateway(first);
        if (!firstIsGateway && (echo || first.owner() != publisher) && first.deliver(message, batch)) {
            return true;
        }
        Interest nearestGateway = firstIsGateway ? first : null;
        int start = firstIsGateway && size > 1 ? ThreadLocalRandom.current().nextInt(size) : 0;
        for (int i = 0; i < size; i++) {
            Interest other = match.member(g, (start + i) % size);
            if (other == first) {
                continue;
            }
            if (isGateway(other)) {
                nearestGateway = nearer(nearestGateway, other);
            } else if ((echo || other.owner() != publisher) && other.deliver(message, batch)) {
                return true;
            }
        }
        return nearestGateway != null && nearestGateway.deliver(message, batch);
    }

    private static Interest nearer(Interest gateway, Interest other) {
        return gateway == null || ((LinkTarget) other.owner()).roundTripNanos()
                < ((LinkTarget) gateway.owner()).roundTripNanos() ? other : gateway;
    }

    /** Starts at a random member and takes the first local one that accepts the message. */
    private static boolean deliverToLocalMember(MatchResult<Interest> match, int g, Message message,
                                                FlushBatch batch) {
        int size = match.groupSize(g);
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Interest member = match.member(g, (start + i) % size);
            if (isLocal(member) && member.deliver(message, batch)) {
                return true;
            }
        }
        return false;
    }
}
