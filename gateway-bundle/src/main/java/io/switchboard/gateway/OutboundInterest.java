package io.switchboard.gateway;

import io.switchboard.core.spi.link.LinkSession;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a remote cluster wants over one outbound gateway connection, per account, as its inbound
 * side tells it ({@code RS+}, {@code RS-}, {@code A+}, {@code A-} and the interest-only switch):
 * <ul>
 * <li>optimistic: everything goes, but for subjects it said it has no interest in ({@code RS-})
 *     and accounts it has none in ({@code A-}); a catch-all {@code >} in the session stands for
 *     "everything". A peer that announces interest-only mode in its INFO (nats-server 2.9 does)
 *     never gets optimistic sends: nothing goes until it announces interest.</li>
 * <li>transitioning: the peer is sending all its subscriptions; everything still goes.</li>
 * <li>interest-only: what matches the subscriptions it announced, and nothing else.</li>
 * </ul>
 * Queue subscriptions are always announced and always in the session. Changes happen on the
 * connection's event loop; {@link #wants} is asked on publishers' threads.
 */
final class OutboundInterest {

    enum Mode { OPTIMISTIC, TRANSITIONING, INTEREST_ONLY }

    private static final String EVERYTHING = ">";

    private final LinkSession session;
    private final boolean peerInterestOnly;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> noInterest = new ConcurrentHashMap<>();
    private final Set<String> noAccountInterest = ConcurrentHashMap.newKeySet();

    OutboundInterest(LinkSession session, boolean peerInterestOnly) {
        this.session = session;
        this.peerInterestOnly = peerInterestOnly;
    }

    /** Starts optimistic sends for {@code accounts}, unless the peer switches them at once. */
    void start(Collection<String> accounts) {
        if (!peerInterestOnly) {
            accounts.forEach(account -> session.addInterest(account, EVERYTHING, null, 1));
        }
    }

    Mode mode(String account) {
        return modes.getOrDefault(account, peerInterestOnly ? Mode.INTEREST_ONLY : Mode.OPTIMISTIC);
    }

    /** nats-server's name of the account's mode, for monitoring. */
    String modeName(String account) {
        return switch (mode(account)) {
            case OPTIMISTIC -> "Optimistic";
            case TRANSITIONING -> "Transitioning";
            case INTEREST_ONLY -> "Interest-Only";
        };
    }

    /** Whether a message that matched this connection by plain interest goes out. */
    boolean wants(String account, String subject) {
        if (mode(account) != Mode.OPTIMISTIC) {
            return true;
        }
        Set<String> none = noInterest.get(account);
        return none == null || !none.contains(subject);
    }

    /** {@code RS+}. False when the session refused it (unknown account, invalid subject). */
    boolean subscribe(String account, String subject, String queue, int weight) {
        if (queue == null && mode(account) == Mode.OPTIMISTIC) {
            Set<String> none = noInterest.get(account);
            if (none != null) {
                if (subject.contains("*") || subject.contains(EVERYTHING)) {
                    none.clear();
                } else {
                    none.remove(subject);
                }
            }
            return true;
        }
        return session.addInterest(account, subject, queue, weight);
    }

    /** {@code RS-}. */
    void unsubscribe(String account, String subject, String queue) {
        if (queue == null && mode(account) == Mode.OPTIMISTIC) {
            noInterest.computeIfAbsent(account, a -> ConcurrentHashMap.newKeySet()).add(subject);
        } else {
            session.removeInterest(account, subject, queue);
        }
    }

    /** {@code A+} (true) or {@code A-} (false). */
    void accountInterest(String account, boolean interested) {
        if (mode(account) == Mode.INTEREST_ONLY) {
            return;
        }
        if (interested && noAccountInterest.remove(account)) {
            session.addInterest(account, EVERYTHING, null, 1);
        } else if (!interested && noAccountInterest.add(account)) {
            session.removeInterest(account, EVERYTHING, null);
        }
    }

    /** The peer starts sending all its subscriptions of {@code account}. */
    void allSubscriptionsStart(String account) {
        modes.put(account, Mode.TRANSITIONING);
        noInterest.remove(account);
    }

    /** The peer sent all its subscriptions of {@code account}: from now on, only those count. */
    void allSubscriptionsComplete(String account) {
        Mode before = mode(account);
        modes.put(account, Mode.INTEREST_ONLY);
        if (!peerInterestOnly && before != Mode.INTEREST_ONLY && !noAccountInterest.remove(account)) {
            session.removeInterest(account, EVERYTHING, null);
        }
    }
}
