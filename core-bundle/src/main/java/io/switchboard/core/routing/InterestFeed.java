package io.switchboard.core.routing;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Tells links about local interest (client subscriptions, and leaf nodes connected here) in every
 * account, those that ask also about the interest routes brought (the cluster's), and those that
 * ask about all interest whoever brought it: what there is when a listener joins, then every
 * change. A change and its announcement happen together, so a listener that joins
 * sees each subscription exactly once, in its snapshot or as a change.
 */
public final class InterestFeed {

    /** Told about local interest; called on the thread that changed it. */
    public interface Listener {

        void added(Account account, Interest interest);

        void removed(Account account, Interest interest);
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener> clusterListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Listener> allListeners = new CopyOnWriteArrayList<>();

    private static final Scope[] SCOPES = Scope.values();

    /** Which interest a listener hears of. */
    private enum Scope {
        LOCAL, CLUSTER, ALL;

        boolean covers(Interest interest) {
            return switch (this) {
                case LOCAL -> Account.isLocal(interest);
                case CLUSTER -> Account.isClusterInterest(interest);
                case ALL -> true;
            };
        }
    }

    /** Tells {@code listener} about the local interest of {@code accounts}, then about every change. */
    public void attach(Listener listener, Iterable<Account> accounts) {
        attach(listener, accounts, Scope.LOCAL);
    }

    /** Tells {@code listener} about the local and routed interest of {@code accounts}, then every change. */
    public void attachCluster(Listener listener, Iterable<Account> accounts) {
        attach(listener, accounts, Scope.CLUSTER);
    }

    /** Tells {@code listener} about all interest of {@code accounts}, local or a link's, then every change. */
    public void attachAll(Listener listener, Iterable<Account> accounts) {
        attach(listener, accounts, Scope.ALL);
    }

    private void attach(Listener listener, Iterable<Account> accounts, Scope scope) {
        lock.writeLock().lock();
        try {
            for (Account account : accounts) {
                account.index().forEach(interest -> {
                    if (scope.covers(interest)) {
                        listener.added(account, interest);
                    }
                });
            }
            listeners(scope).add(listener);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void detach(Listener listener) {
        listeners.remove(listener);
        clusterListeners.remove(listener);
        allListeners.remove(listener);
    }

    private CopyOnWriteArrayList<Listener> listeners(Scope scope) {
        return switch (scope) {
            case LOCAL -> listeners;
            case CLUSTER -> clusterListeners;
            case ALL -> allListeners;
        };
    }

    /** Runs a change to local interest so that no listener joins halfway through it. */
    void change(Runnable change) {
        lock.readLock().lock();
        try {
            change.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    void added(Account account, Interest interest) {
        for (Scope scope : SCOPES) {
            if (scope.covers(interest)) {
                for (Listener listener : listeners(scope)) {
                    listener.added(account, interest);
                }
            }
        }
    }

    void removed(Account account, Interest interest) {
        for (Scope scope : SCOPES) {
            if (scope.covers(interest)) {
                for (Listener listener : listeners(scope)) {
                    listener.removed(account, interest);
                }
            }
        }
    }
}
