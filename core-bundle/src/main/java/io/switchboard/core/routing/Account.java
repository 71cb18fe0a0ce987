package io.switchboard.core.routing;

import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;

import java.util.concurrent.ThreadLocalRandom;

/** An account: its own subject space, isolated from every other account's. */
public final class Account {

    private final String name;
    private final SubjectIndex<Interest> index = new SubjectIndex<>();
    private final ResponseRoutes responses = new ResponseRoutes();
    private volatile AccountLinks links = AccountLinks.NONE;

    public Account(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public SubjectIndex<Interest> index() {
        return index;
    }

    /** Sets what this account shares with others and takes from them. */
    public void links(AccountLinks links) {
        this.links = links;
    }

    /**
     * Delivers one published message to every matching interest and to one member of each
     * matching queue group, and through this account's imports and exports to other
     * accounts; returns how many took it. {@code echo} false skips the publisher's own interests.
     */
    public int publish(Object publisher, boolean echo, Message message, FlushBatch batch) {
        int delivered = deliverHere(publisher, echo, message, batch);
        AccountLinks shared = links;
        if (!shared.isEmpty() || !responses.isEmpty()) {
            delivered += deliverAcross(shared, publisher, message, batch);
        }
        return delivered;
    }

    /**
     * Streams exported to other accounts, services imported from them, and responses owed to
     * the importers of this account's services. A message crosses one account boundary at most.
     */
    private int deliverAcross(AccountLinks shared, Object publisher, Message message, FlushBatch batch) {
        String subject = message.subject;
        int delivered = 0;
        for (AccountLinks.StreamRoute stream : shared.streams()) {
            SubjectMapping mapping = stream.mapping();
            if (mapping.matches(subject)) {
                delivered += stream.importer().deliverHere(publisher, true,
                        message.redirected(mapping.map(subject), message.reply), batch);
            }
        }
        for (AccountLinks.ServiceRoute service : shared.services()) {
            SubjectMapping mapping = service.mapping();
            if (mapping.matches(subject)) {
                String reply = message.reply == null ? null
                        : service.exporter().responses.open(this, message.reply, service.streamed(), service.thresholdNanos());
                delivered += service.exporter().deliverHere(publisher, true, message.redirected(mapping.map(subject), reply), batch);
            }
        }
        if (subject.startsWith(ResponseRoutes.PREFIX)) {
            ResponseRoutes.Route route = responses.take(subject);
            if (route != null) {
                delivered += route.importer().deliverHere(publisher, true, message.redirected(route.reply(), null), batch);
            }
        }
        return delivered;
    }

    private int deliverHere(Object publisher, boolean echo, Message message, FlushBatch batch) {
        MatchResult<Interest> match = index.match(message.subject);
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

    /** Picks a random member; when it cannot take the message, the next ones in turn. */
    private static boolean deliverToGroup(MatchResult<Interest> match, int g, Object publisher, boolean echo,
                                          Message message, FlushBatch batch) {
        int size = match.groupSize(g);
        Interest first = match.pickMember(g, ThreadLocalRandom.current());
        if ((echo || first.owner() != publisher) && first.deliver(message, batch)) {
            return true;
        }
        for (int i = 0; i < size; i++) {
            Interest other = match.member(g, i);
            if (other != first && (echo || other.owner() != publisher)
                    && other.deliver(message, batch)) {
                return true;
            }
        }
        return false;
    }
}
