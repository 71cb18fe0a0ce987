package io.switchboard.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages every subscriber together must receive; whoever reports the last of them
 * notes the time and wakes the run up. Subscribers report in batches, not per message.
 */
final class Tally {

    private final AtomicLong missing;
    private final CountDownLatch complete = new CountDownLatch(1);
    private volatile long completedNanos;

    Tally(long expected) {
        missing = new AtomicLong(expected);
    }

    void report(long received) {
        if (received > 0 && missing.addAndGet(-received) <= 0 && complete.getCount() > 0) {
            completedNanos = System.nanoTime();
            complete.countDown();
        }
    }

    /** Opens once every message was reported. */
    CountDownLatch complete() {
        return complete;
    }

    long completedNanos() {
        return completedNanos;
    }
}
