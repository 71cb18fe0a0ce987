package io.switchboard.core.routing;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Tells links about local interest (client subscriptions) in every account, and those that ask
 * also about the interest routes brought (the cluster's): what there is when a listener joins,
 * then every change. A change and its announcement happen together, so a listener that joins
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

    /** Tells {@code listener} about the local interest of {@code accounts}, then about every change. */
    public void attach(Listener listener, Iterable<Account> accounts) {
        attach(listener, accounts, false);
    }

    /** Tells {@code listener} about the local and routed interest of {@code accounts}, then every change. */
    public void attachCluster(Listener listener, Iterable<Account> accounts) {
        attach(listener, accounts, true);
    }

    private void attach(Listener listener, Iterable<Account> accounts, boolean withRoutes) {
        lock.writeLock().lock();
        try {
            for (Account account : accounts) {
                account.index().forEach(interest -> {
                    if (withRoutes ? Account.isClusterInterest(interest) : Account.isLocal(interest)) {
                        listener.added(account, interest);
                    }
                });
            }
            (withRoutes ? clusterListeners : listeners).add(listener);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void detach(Listener listener) {
        listeners.remove(listener);
        clusterListeners.remove(listener);
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
        if (Account.isLocal(interest)) {
            for (Listener listener : listeners) {
                listener.added(account, interest);
            }
        }
        for (Listener listener : clusterListeners) {
            listener.added(account, interest);
        }
    }

    void removed(Account account, Interest interest) {
        if (Account.isLocal(interest)) {
            for (Listener listener : listeners) {
                listener.removed(account, interest);
            }
        }
        for (Listener listener : clusterListeners) {
            listener.removed(account, interest);
        }
    }
}
