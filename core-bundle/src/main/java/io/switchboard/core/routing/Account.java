package io.switchboard.core.routing;

import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;
import io.switchboard.core.subject.SubjectMappingRules;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

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
    /** Null when the account maps no subject, so that publishing costs nothing more. */
    private volatile SubjectMappingRules mappings;
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

    /** Sets the subject mappings of what its clients and leaf nodes publish; null for none. */
    public void mappings(SubjectMappingRules rules) {
        this.mappings = rules;
    }

    /**
     * The subject a message published on {@code subject} goes to: the same String when no mapping
     * applies, null when a mapping drops the message.
     */
    public String mapped(String subject) {
        SubjectMappingRules rules = mappings;
        return rules == null ? subject : rules.map(subject);
    }

    /** Whether an interest is a client's of this server, behind no link. */
    static boolean isClient(Interest interest) {
        return !(interest.owner() instanceof LinkTarget);
    }

    /**
     * Whether an interest counts as this server's own: a client's, or a leaf node's that connected
     * here. Routes hear of it, and what a route brings reaches it.
     */
    static boolean isLocal(Interest interest) {
        return !(interest.owner() instanceof LinkTarget link) || link.role() == LinkTarget.Role.SPOKE;
    }

    /** Whether an interest is part of this cluster's: a local one or one a route brought. */
    static boolean isClusterInterest(Interest interest) {
        return !(interest.owner() instanceof LinkTarget link) || link.role() == LinkTarget.Role.ROUTE
                || link.role() == LinkTarget.Role.SPOKE;
    }

    private static LinkTarget.Role role(Interest interest) {
        return interest.owner() instanceof LinkTarget link ? link.role() : null;
    }

    /** Adds interest a link brought and tells who watches interest of its kind. */
    public void addLinked(LinkSubscription interest) {
        feed.change(() -> {
            index.insert(interest);
            feed.added(this, interest);
        });
    }

    /** Removes interest a link brought, at once for a closing link, and tells who watches it. */
    public void removeAllLinked(Collection<LinkSubscription> interests) {
        feed.change(() -> {
            for (Interest removed : index.removeAll(interests)) {
                feed.removed(this, removed);
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
        return deliverEverywhere(echo ? null : publisher, null, message, null, batch);
    }

    /**
     * Delivers one message that came over a leaf node connection, as a client's would be but for
     * the leaf node rules: it never goes back to {@code leaf}, only a spoke's message goes over
     * routes, a message from one of a leaf cluster's connections goes to no other of that cluster,
     * and only the queue groups in {@code queues} (those the sending server picked this one for)
     * take it.
     */
    public int deliverFromLeaf(LinkTarget leaf, Message message, List<String> queues, FlushBatch batch) {
        return deliverEverywhere(leaf, leaf, message, queues, batch);
    }

    private int deliverEverywhere(Object skip, LinkTarget fromLeaf, Message message, List<String> queues,
                                  FlushBatch batch) {
        int delivered = deliverHere(skip, fromLeaf, message, queues, batch);
        batch.links().forward(this, message, batch);
        AccountLinks shared = links;
        if (!shared.isEmpty() || !responses.isEmpty()) {
            delivered += deliverAcross(shared, message, batch);
        }
        return delivered;
    }

    /**
     * Streams exported to other accounts, services imported from them, and responses owed to
     * the importers of this account's services. A message crosses one account boundary at most,
     * and only to this server's own subscribers: other servers do their own imports from the
     * original, which the links carry.
     */
    private int deliverAcross(AccountLinks shared, Message message, FlushBatch batch) {
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
                String target = service.exporter().mapped(mapping.map(subject));
                if (target != null) {
                    delivered += service.exporter().deliverToLocal(message.redirected(target, reply), batch);
                }
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

    private int deliverHere(Object skip, LinkTarget fromLeaf, Message message, List<String> queues,
                            FlushBatch batch) {
        MatchResult<Interest> match = message.matchIn(index);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (interest.owner() != skip && (fromLeaf == null || leafReaches(fromLeaf, interest))
                    && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        if (queues == null) {
            for (int g = 0, groups = match.groupCount(); g < groups; g++) {
                if (deliverToGroup(match, g, skip, message, batch)) {
                    delivered++;
                }
            }
        } else {
            for (int q = 0, n = queues.size(); q < n; q++) {
                int g = match.groupIndex(queues.get(q));
                if (g >= 0 && deliverToGroup(match, g, skip, message, batch)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** Whether a message from {@code leaf} goes to a plain interest, by nats-server's leaf node rules. */
    private static boolean leafReaches(LinkTarget leaf, Interest interest) {
        if (!(interest.owner() instanceof LinkTarget to)) {
            return true;
        }
        return switch (to.role()) {
            case ROUTE -> leaf.role() == LinkTarget.Role.SPOKE;
            case GATEWAY -> true;
            case SPOKE, HUB -> leaf.origin() == null || !leaf.origin().equals(to.origin());
        };
    }

    /** Every matching client interest and one client member of every matching queue group. */
    private int deliverToLocal(Message message, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (isClient(interest) && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        for (int g = 0, groups = match.groupCount(); g < groups; g++) {
            if (deliverToMember(match, g, Account::isClient, message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Delivers one message that came over a route to this server's own subscribers and to the
     * leaf nodes connected here: every matching local interest, and one member of each queue
     * group in {@code queues}, the groups the sending server picked this one for, a client when
     * there is one, else a leaf node. Nothing goes to another route or gateway.
     */
    public int deliverFromLink(Message message, List<String> queues, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (isLocal(interest) && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        for (int q = 0, n = queues.size(); q < n; q++) {
            int g = match.groupIndex(queues.get(q));
            if (g >= 0 && (deliverToMember(match, g, Account::isClient, message, batch)
                    || deliverToMember(match, g, Account::isLeaf, message, batch))) {
                delivered++;
            }
        }
        batch.links().forward(this, message, batch);
        return delivered;
    }

    /**
     * Delivers one message that came over a gateway: to every matching interest of this cluster
     * (local, or behind a route, each route once) and of its leaf nodes, and to one member of
     * each queue group in {@code queues}, in this cluster when there is one, else behind a leaf
     * node connection. Nothing goes to another gateway.
     */
    public int deliverFromGateway(Message message, List<String> queues, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
        int delivered = 0;
        for (int i = 0, n = match.plainCount(); i < n; i++) {
            Interest interest = match.plain(i);
            if (role(interest) != LinkTarget.Role.GATEWAY && interest.deliver(message, batch)) {
                delivered++;
            }
        }
        for (int q = 0, n = queues.size(); q < n; q++) {
            int g = match.groupIndex(queues.get(q));
            if (g >= 0 && (deliverToMember(match, g, Account::isClusterMember, message, batch)
                    || deliverToMember(match, g, Account::isLeaf, message, batch))) {
                delivered++;
            }
        }
        batch.links().forward(this, message, batch);
        return delivered;
    }

    private static boolean isLeaf(Interest interest) {
        LinkTarget.Role role = role(interest);
        return role != null && role.isLeaf();
    }

    /** A client's or a route's: a queue member that takes a message as readily as a local one. */
    private static boolean isClusterMember(Interest interest) {
        LinkTarget.Role role = role(interest);
        return role == null || role == LinkTarget.Role.ROUTE;
    }

    /** Starts at a random member and takes the first of those {@code eligible} that accepts the message. */
    private static boolean deliverToMember(MatchResult<Interest> match, int g, Predicate<Interest> eligible,
                                           Message message, FlushBatch batch) {
        int size = match.groupSize(g);
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Interest member = match.member(g, (start + i) % size);
            if (eligible.test(member) && member.deliver(message, batch)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picks a random member of this cluster (weighted by the members each route stands for); when
     * it cannot take the message, the next ones in turn. A group without a taker in this cluster
     * goes over a leaf node connection, and only a group without one there over a gateway: the
     * nearest one. {@code skip}'s own members are passed over.
     */
    private static boolean deliverToGroup(MatchResult<Interest> match, int g, Object skip, Message message,
                                          FlushBatch batch) {
        int size = match.groupSize(g);
        Interest first = match.pickMember(g, ThreadLocalRandom.current());
        if (first.owner() != skip && isClusterMember(first) && first.deliver(message, batch)) {
            return true;
        }
        Interest leaf = null;
        Interest nearestGateway = null;
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Interest other = match.member(g, (start + i) % size);
            if (other.owner() == skip) {
                continue;
            }
            LinkTarget.Role role = role(other);
            if (role == LinkTarget.Role.GATEWAY) {
                nearestGateway = nearer(nearestGateway, other);
            } else if (role != null && role.isLeaf()) {
                if (leaf == null || other == first) {
                    leaf = other;
                }
            } else if (other != first && other.deliver(message, batch)) {
                return true;
            }
        }
        if (leaf != null && leaf.deliver(message, batch)) {
            return true;
        }
        return nearestGateway != null && nearestGateway.deliver(message, batch);
    }

    private static Interest nearer(Interest gateway, Interest other) {
        return gateway == null || ((LinkTarget) other.owner()).roundTripNanos()
                < ((LinkTarget) gateway.owner()).roundTripNanos() ? other : gateway;
    }
}
