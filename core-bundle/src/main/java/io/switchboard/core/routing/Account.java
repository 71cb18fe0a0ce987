package io.switchboard.core.routing;

import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;
import io.switchboard.core.subject.SubjectMappingRules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
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
    private volatile boolean responsesIndexed;
    private volatile AccountLinks links = AccountLinks.NONE;
    /**
     * The interest each local subscription has in the accounts it imports streams from, by
     * identity, as the index knows subscriptions; guarded by importsLock.
     */
    private final Map<Interest, List<ImportedInterest>> imported = new IdentityHashMap<>();
    private final Object importsLock = new Object();
    /** Whether {@link #imported} has entries: read without the lock so that removals of others pay nothing. */
    private volatile boolean anyImported;
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

    /**
     * Sets what this account takes from other accounts; its subscriptions' interest in the
     * exporting accounts follows (an unchanged configuration changes nothing).
     */
    public void links(AccountLinks links) {
        if (links.equals(this.links)) {
            return;
        }
        feed.change(() -> {
            synchronized (importsLock) {
                for (Interest subscriber : List.copyOf(imported.keySet())) {
                    unimport(subscriber);
                }
                this.links = links;
                index.forEach(interest -> {
                    if (isClient(interest) && !(interest instanceof CrossAccountInterest)) {
                        importFor(interest);
                    }
                });
            }
        });
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

    /**
     * The subjects this account wants its leaf nodes to send though no one may subscribe to them:
     * its mapping sources and the subjects of the services it imports, as nats-server announces
     * them to a leaf node connection.
     */
    public List<String> leafImports() {
        List<String> subjects = new ArrayList<>();
        SubjectMappingRules rules = mappings;
        if (rules != null) {
            subjects.addAll(rules.sources());
        }
        for (AccountLinks.ServiceRoute service : links.services()) {
            subjects.add(service.mapping().from());
        }
        return subjects;
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

    /** Adds a local subscription, and its interest in the streams this account imports, and tells the links. */
    public void addLocal(Interest interest) {
        feed.change(() -> {
            index.insert(interest);
            feed.added(this, interest);
            if (!links.streams().isEmpty()) {
                synchronized (importsLock) {
                    importFor(interest);
                }
            }
        });
    }

    /** Removes a local subscription, if indexed, and tells the links. */
    public void removeLocal(Interest interest) {
        feed.change(() -> {
            if (index.remove(interest)) {
                feed.removed(this, interest);
                unimportOf(interest);
            }
        });
    }

    /** Removes a closing connection's local subscriptions at once and tells the links. */
    public void removeAllLocal(Collection<? extends Interest> interests) {
        feed.change(() -> {
            for (Interest removed : index.removeAll(interests)) {
                feed.removed(this, removed);
                unimportOf(removed);
            }
        });
    }

    /** Puts a subscriber's interest in each stream it takes into the exporting account; once. */
    private void importFor(Interest subscriber) {
        if (imported.containsKey(subscriber)) {
            return;
        }
        List<ImportedInterest> interests = new ArrayList<>(1);
        for (AccountLinks.StreamImport stream : links.streams()) {
            ImportedInterest interest = ImportedInterest.of(subscriber, stream);
            if (interest != null) {
                interest.exporter().index.insert(interest);
                feed.added(interest.exporter(), interest);
                interests.add(interest);
            }
        }
        if (!interests.isEmpty()) {
            imported.put(subscriber, interests);
            anyImported = true;
        }
    }

    private void unimportOf(Interest subscriber) {
        if (anyImported) {
            synchronized (importsLock) {
                unimport(subscriber);
            }
        }
    }

    private void unimport(Interest subscriber) {
        List<ImportedInterest> interests = imported.remove(subscriber);
        if (interests == null) {
            return;
        }
        anyImported = !imported.isEmpty();
        for (ImportedInterest interest : interests) {
            Account exporter = interest.exporter();
            if (exporter.index.remove(interest)) {
                feed.removed(exporter, interest);
            }
        }
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
        List<AccountLinks.ServiceRoute> services = links.services();
        if (!services.isEmpty()) {
            delivered += request(services, message, batch);
        }
        return delivered;
    }

    /**
     * Requests to the services this account imports: each goes to the exporting account as if
     * published there (its subscribers here and the servers behind links that have interest),
     * with a reply subject that leads its responses back. A request crosses one account
     * boundary, on the server where it was published; other servers see it in the exporter's
     * account. Streams need nothing here: the importers' interest is in the exporter's index.
     */
    private int request(List<AccountLinks.ServiceRoute> services, Message message, FlushBatch batch) {
        String subject = message.subject;
        int delivered = 0;
        for (AccountLinks.ServiceRoute service : services) {
            SubjectMapping mapping = service.mapping();
            if (mapping.matches(subject)) {
                Account exporter = service.exporter();
                String reply = message.reply == null ? null
                        : exporter.openResponse(this, message.reply, service.streamed(), service.thresholdNanos());
                String target = exporter.mapped(mapping.map(subject));
                if (target != null) {
                    Message request = message.redirected(target, reply);
                    delivered += exporter.deliverHere(null, null, request, null, batch);
                    batch.links().forward(exporter, request, batch);
                }
            }
        }
        return delivered;
    }

    /**
     * A reply subject here that leads back to {@code reply} in {@code importer}. The first one
     * puts the response routes into the index, so that links hear of them.
     */
    private String openResponse(Account importer, String reply, boolean streamed, long thresholdNanos) {
        if (!responsesIndexed) {
            synchronized (responses) {
                if (!responsesIndexed) {
                    feed.change(() -> {
                        index.insert(responses);
                        feed.added(this, responses);
                    });
                    responsesIndexed = true;
                }
            }
        }
        return responses.open(importer, reply, streamed, thresholdNanos);
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
    int deliverToLocal(Message message, FlushBatch batch) {
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
