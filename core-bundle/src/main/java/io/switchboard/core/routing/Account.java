package io.switchboard.core.routing;

import io.switchboard.core.subject.MatchResult;
import io.switchboard.core.subject.SubjectIndex;

import java.util.concurrent.ThreadLocalRandom;

/** An account: its own subject space, isolated from every other account's. */
public final class Account {

    private final String name;
    private final SubjectIndex<Interest> index = new SubjectIndex<>();

    public Account(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public SubjectIndex<Interest> index() {
        return index;
    }

    /**
     * Delivers one published message to every matching interest and to one member of each
     * matching queue group; returns how many took it. {@code echo} false skips the
     * publisher's own interests.
     */
    public int publish(Object publisher, boolean echo, Message message, FlushBatch batch) {
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
