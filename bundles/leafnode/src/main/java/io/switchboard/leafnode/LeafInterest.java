package io.switchboard.leafnode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The interest one leaf node connection tells its peer about, counted as nats-server counts it
 * per connection: a subject is announced ({@code LS+}) when its first subscriber comes and
 * withdrawn ({@code LS-}) when its last one goes; a queue group is announced again with its new
 * weight at every change. What the watch reports while it is being attached is sent in one batch
 * once the watch is in place, and what comes meanwhile after it, so that the peer hears every
 * change in order.
 */
final class LeafInterest {

    private final Map<String, Integer> counts = new HashMap<>();
    private final Consumer<List<String>> peer;
    private final Predicate<String> announced;
    private List<String> pending = new ArrayList<>();

    /** {@code announced} says which subjects the peer may hear of; {@code peer} takes protocol lines. */
    LeafInterest(Consumer<List<String>> peer, Predicate<String> announced) {
        this.peer = peer;
        this.announced = announced;
    }

    synchronized void added(String subject, String queue) {
        if (!announced.test(subject)) {
            return;
        }
        String key = queue == null ? subject : subject + " " + queue;
        int count = counts.merge(key, 1, Integer::sum);
        if (queue != null) {
            send("LS+ " + key + " " + count);
        } else if (count == 1) {
            send("LS+ " + key);
        }
    }

    synchronized void removed(String subject, String queue) {
        String key = queue == null ? subject : subject + " " + queue;
        Integer count = counts.get(key);
        if (count == null) {
            return;
        }
        if (count == 1) {
            counts.remove(key);
            send("LS- " + key);
        } else {
            counts.put(key, count - 1);
            if (queue != null) {
                send("LS+ " + key + " " + (count - 1));
            }
        }
    }

    /** The watch is in place: what it reported so far goes out, and from now on each change at once. */
    synchronized void started() {
        List<String> batch = pending;
        pending = null;
        peer.accept(batch);
    }

    private void send(String line) {
        if (pending != null) {
            pending.add(line);
        } else {
            peer.accept(List.of(line));
        }
    }
}
