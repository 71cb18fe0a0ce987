package io.switchboard.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's progress: messages done so far, written by the client's own thread and read
 * by the progress printer, and the time its last message was done.
 */
final class Counter {

    private final AtomicLong count = new AtomicLong();
    private volatile long endNanos;

    /** Adds to the count; only the owning thread calls this, so a release store is enough. */
    void add(long n) {
        count.setRelease(count.getPlain() + n);
    }

    void end(long nanos) {
        endNanos = nanos;
    }

    long count() {
        return count.getAcquire();
    }

    long endNanos() {
        return endNanos;
    }
}
