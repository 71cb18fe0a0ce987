package io.switchboard.core.server;

import io.switchboard.core.spi.monitor.ConnectionView;

import java.util.ArrayDeque;
import java.util.List;

/** The client connections closed most recently, as nats-server keeps them for {@code /connz?state=closed}. */
final class ClosedConnections {

    /** nats-server's default number of closed connections kept. */
    static final int CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<ConnectionView> ring;

    ClosedConnections(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    synchronized void add(ConnectionView closed) {
        if (ring.size() == capacity) {
            ring.pollFirst();
        }
        ring.addLast(closed);
    }

    /** Oldest first. */
    synchronized List<ConnectionView> list() {
        return List.copyOf(ring);
    }
}
