package io.switchboard.core.subject;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded cache of match results by published subject.
 *
 * <p>Readers look entries up without any lock. Entries are stored only by a reader that holds the
 * index's read lock and are changed only by a writer that holds its write lock, so an entry is
 * never computed from a trie older than the last completed insert or remove. Dropping an entry is
 * always safe (the next lookup misses and recomputes), which is why the sweep needs no lock.
 */
final class MatchCache<S extends Subscription> {

    private final int capacity;
    private final int sweepTarget;
    private final ConcurrentHashMap<String, MatchResult<S>> entries;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /** A capacity of 0 disables the cache. */
    MatchCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative cache capacity: " + capacity);
        }
        this.capacity = capacity;
        this.sweepTarget = capacity / 4;
        this.entries = new ConcurrentHashMap<>(Math.max(16, capacity + capacity / 4));
    }

    /** The cached result, or null. */
    MatchResult<S> get(String subject) {
        return entries.get(subject);
    }

    /** Stores a result; the caller holds the read lock that the result was computed under. */
    void put(String subject, MatchResult<S> result) {
        if (capacity > 0) {
            entries.put(subject, result);
        }
    }

    /**
     * Brings the cache back well under its capacity once it has grown past it, dropping arbitrary
     * entries like nats-server does. One thread sweeps; the others carry on.
     */
    void sweepIfOversized() {
        if (entries.size() <= capacity || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int excess = entries.size() - sweepTarget;
            Iterator<String> keys = entries.keySet().iterator();
            while (excess-- > 0 && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }

    /**
     * Adds a newly inserted subscription to the cached results its subject matches, which keeps hot
     * subjects cached while clients come and go. Called under the write lock.
     */
    void added(String subject, boolean literal, S sub) {
        if (literal) {
            entries.computeIfPresent(subject, (key, result) -> result.with(sub));
            return;
        }
        String prefix = Subjects.literalPrefix(subject);
        entries.forEach((key, result) -> {
            if (key.startsWith(prefix) && Subjects.subjectMatches(subject, key)) {
                // replace, not put, so that an entry swept away meanwhile does not come back.
                entries.replace(key, result, result.with(sub));
            }
        });
    }

    /**
     * Drops the cached results that a subscription on {@code subject} took part in. Called under the
     * write lock.
     */
    void invalidate(String subject, boolean literal) {
        if (literal) {
            entries.remove(subject);
            return;
        }
        String prefix = Subjects.literalPrefix(subject);
        entries.forEach((key, result) -> {
            if (key.startsWith(prefix) && Subjects.subjectMatches(subject, key)) {
                entries.remove(key, result);
            }
        });
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** The largest and the summed fan-out of the cached results (plain subscriptions plus queue groups), and their number. */
    long[] fanout() {
        long max = 0;
        long total = 0;
        long results = 0;
        for (MatchResult<S> result : entries.values()) {
            long fanout = result.plainCount() + result.groupCount();
            max = Math.max(max, fanout);
            total += fanout;
            results++;
        }
        return new long[] {max, total, results};
    }
}
