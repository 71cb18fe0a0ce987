package io.switchboard.core.subject;

import io.switchboard.core.spi.monitor.IndexStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/**
 * Routes published subjects to the subscriptions interested in them.
 *
 * <p>Subscriptions live in a trie of subject tokens where {@code *} matches exactly one token and
 * {@code >} one or more trailing tokens. {@link #match} is meant to be called concurrently from
 * every event loop: it first looks in a bounded cache of results by subject, without locking or
 * allocating, and only on a miss walks the trie under a shared read lock. Inserts and removes take
 * the exclusive lock and bring the cache up to date before they return, so a match that starts
 * after an insert or remove returned always sees its effect.
 *
 * <p>Subscriptions are identified by reference. Inserting one that is already indexed changes
 * nothing.
 */
public final class SubjectIndex<S extends Subscription> {

    public static final int DEFAULT_CACHE_CAPACITY = 1024;

    private final StampedLock lock = new StampedLock();
    private final SubjectTrie<S> trie = new SubjectTrie<>();
    private final MatchCache<S> cache;
    // Both are written only under the write lock; volatile lets count() and generation() skip it.
    private volatile int count;
    private volatile long generation;
    /** Counted under the write lock; read by monitoring without it. */
    private long inserts;
    private long removes;
    /** Lookups the cache missed: they take the read lock and build a result anyway, a counter is lost among that. */
    private final LongAdder lookups = new LongAdder();

    public SubjectIndex() {
        this(DEFAULT_CACHE_CAPACITY);
    }

    /**
     * @param cacheCapacity how many match results to cache before sweeping the cache down to a
     *     quarter of that; 0 disables the cache
     */
    public SubjectIndex(int cacheCapacity) {
        this.cache = new MatchCache<>(cacheCapacity);
    }

    /**
     * Adds a subscription.
     *
     * @throws IllegalArgumentException when its subject is not a valid subscription subject or its
     *     queue name is not valid
     */
    public void insert(S sub) {
        String subject = sub.subject();
        String queue = sub.queue();
        if (!Subjects.isValidSubject(subject)) {
            throw new IllegalArgumentException("invalid subject: '" + subject + "'");
        }
        if (queue != null && !Subjects.isValidQueueName(queue)) {
            throw new IllegalArgumentException("invalid queue name: '" + queue + "'");
        }
        String[] tokens = Subjects.tokenize(subject);
        long stamp = lock.writeLock();
        try {
            if (!trie.add(tokens, queue, sub)) {
                return;
            }
            count++;
            inserts++;
            cache.added(subject, Subjects.isLiteral(subject), sub);
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes a subscription; returns false when it was not indexed. */
    public boolean remove(S sub) {
        String subject = sub.subject();
        String[] tokens = subject == null ? null : Subjects.tokenize(subject);
        if (tokens == null) {
            return false;
        }
        long stamp = lock.writeLock();
        try {
            if (!trie.remove(tokens, sub.queue(), sub)) {
                return false;
            }
            count--;
            removes++;
            cache.invalidate(subject, Subjects.isLiteral(subject));
            generation++;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Removes many subscriptions at once, typically those of a closing connection, under one lock
     * acquisition and with one generation change. Subscriptions that are not indexed are skipped;
     * returns those that were removed.
     */
    public List<S> removeAll(Collection<? extends S> subs) {
        List<S> removed = new ArrayList<>(subs.size());
        long stamp = lock.writeLock();
        try {
            boolean anyWildcard = false;
            for (S sub : subs) {
                String subject = sub.subject();
                String[] tokens = subject == null ? null : Subjects.tokenize(subject);
                if (tokens == null || !trie.remove(tokens, sub.queue(), sub)) {
                    continue;
                }
                removed.add(sub);
                if (Subjects.isLiteral(subject)) {
                    cache.invalidate(subject, true);
                } else {
                    anyWildcard = true;
                }
            }
            if (removed.isEmpty()) {
                return removed;
            }
            count -= removed.size();
            removes += removed.size();
            // Scanning the whole cache once per wildcard would cost more than refilling it.
            if (anyWildcard) {
                cache.clear();
            }
            generation++;
            return removed;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Announces that {@code sub}'s {@link Subscription#queueWeight()} changed, so that the results
     * it takes part in are rebuilt with the new weight.
     */
    public void queueWeightChanged(S sub) {
        String subject = sub.subject();
        if (subject == null || Subjects.tokenize(subject) == null) {
            return;
        }
        long stamp = lock.writeLock();
        try {
            cache.invalidate(subject, Subjects.isLiteral(subject));
            generation++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * The subscriptions matching a published subject. A subject with an empty token matches nothing.
     * Wildcard tokens in {@code subject} are taken literally, as nats-server does: they are matched
     * only by subscriptions with a wildcard at that position.
     */
    public MatchResult<S> match(String subject) {
        MatchResult<S> result = cache.get(subject);
        if (result != null) {
            return result;
        }
        String[] tokens = Subjects.tokenize(subject);
        if (tokens == null) {
            return MatchResult.empty();
        }
        lookups.increment();
        MatchCollector<S> collector = new MatchCollector<>();
        long stamp = lock.readLock();
        try {
            trie.collect(tokens, collector);
            result = collector.build();
            cache.put(subject, result);
        } finally {
            lock.unlockRead(stamp);
        }
        cache.sweepIfOversized();
        return result;
    }

    /** Whether any subscription matches a published subject; cheaper than {@link #match} on a miss. */
    public boolean hasInterest(String subject) {
        MatchResult<S> cached = cache.get(subject);
        if (cached != null) {
            return !cached.isEmpty();
        }
        String[] tokens = Subjects.tokenize(subject);
        if (tokens == null) {
            return false;
        }
        long stamp = lock.readLock();
        try {
            return trie.hasMatch(tokens);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Passes every indexed subscription to {@code action}, in no particular order. The subscriptions
     * are those indexed at one instant; {@code action} runs after the lock is released, so it may
     * call back into the index.
     */
    public void forEach(Consumer<? super S> action) {
        List<S> snapshot = new ArrayList<>(count);
        long stamp = lock.readLock();
        try {
            trie.forEach(snapshot::add);
        } finally {
            lock.unlockRead(stamp);
        }
        snapshot.forEach(action);
    }

    /** The number of indexed subscriptions. */
    public int count() {
        return count;
    }

    /**
     * A number that changes with every insert, remove and weight change, once its effect is visible
     * to {@link #match}. A per-connection cache may keep a result together with the generation read
     * <em>before</em> the match that produced it, and use that result as long as the generation has
     * not changed.
     */
    public long generation() {
        return generation;
    }

    /**
     * The index's statistics as nats-server's {@code /subsz} names them. Cache hits are not counted
     * (that would cost every message), so {@code num_matches} counts the lookups that missed and
     * {@code cache_hit_rate} is not known: 0.
     */
    public IndexStats stats() {
        long[] fanout = cache.fanout();
        return new IndexStats(count, cache.size(), inserts, removes, lookups.sum(), 0,
                fanout[0], fanout[2] == 0 ? 0 : (double) fanout[1] / fanout[2]);
    }

    /** The number of cached match results. */
    public int cacheSize() {
        return cache.size();
    }

    int nodeCount() {
        long stamp = lock.readLock();
        try {
            return trie.nodeCount();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    int depth() {
        long stamp = lock.readLock();
        try {
            return trie.depth();
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
