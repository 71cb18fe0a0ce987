package io.switchboard.bench;

import java.util.List;

/**
 * Keeps the MQTT publishers at most {@link #WINDOW} messages ahead of the slowest subscriber.
 * An MQTT broker may drop QoS 0 messages for a client that falls behind, and keeps only so many
 * QoS 1 messages queued for it (mosquitto 1,000 by default): a publisher that ran ahead without
 * bound would measure how a broker sheds load, not how fast it delivers.
 */
final class Pacer {

    static final int WINDOW = 1000;

    private final List<BenchClient<?>> publishers;
    private final List<BenchClient<?>> subscribers;

    Pacer(List<BenchClient<?>> publishers, List<BenchClient<?>> subscribers) {
        this.publishers = publishers;
        this.subscribers = subscribers;
    }

    /** How many more messages the publishers may send now; unbounded with no subscriber. */
    long room() {
        if (subscribers.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long sent = 0;
        for (BenchClient<?> publisher : publishers) {
            sent += publisher.counter.count();
        }
        long slowest = Long.MAX_VALUE;
        for (BenchClient<?> subscriber : subscribers) {
            slowest = Math.min(slowest, subscriber.counter.count());
        }
        return WINDOW - (sent - slowest);
    }
}
