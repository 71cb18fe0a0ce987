package io.switchboard.core.subject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One token position of the subject trie: the subscriptions whose subject ends here, split into
 * plain ones and queue groups, and the level of the following tokens. Empty parts are dropped so
 * that a trie whose subscriptions are all removed holds no memory.
 */
final class Node<S extends Subscription> {

    Level<S> next;
    private SubscriptionSet<S> plain;
    private Map<String, SubscriptionSet<S>> queues;

    Level<S> nextOrCreate() {
        if (next == null) {
            next = new Level<>();
        }
        return next;
    }

    boolean add(S sub, String queue) {
        if (queue == null) {
            if (plain == null) {
                plain = new SubscriptionSet<>();
            }
            return plain.add(sub);
        }
        if (queues == null) {
            queues = new HashMap<>(4);
        }
        return queues.computeIfAbsent(queue, name -> new SubscriptionSet<>()).add(sub);
    }

    boolean remove(S sub, String queue) {
        if (queue == null) {
            if (plain == null || !plain.remove(sub)) {
                return false;
            }
            if (plain.isEmpty()) {
                plain = null;
            }
            return true;
        }
        SubscriptionSet<S> group = queues == null ? null : queues.get(queue);
        if (group == null || !group.remove(sub)) {
            return false;
        }
        if (group.isEmpty()) {
            queues.remove(queue);
            if (queues.isEmpty()) {
                queues = null;
            }
        }
        return true;
    }

    boolean hasSubscriptions() {
        return plain != null || queues != null;
    }

    /** Whether nothing ends here or below, so the node can be pruned. */
    boolean isUnused() {
        return next == null && !hasSubscriptions();
    }

    void collectInto(MatchCollector<S> collector) {
        if (plain != null) {
            collector.addPlain(plain);
        }
        if (queues != null) {
            for (Map.Entry<String, SubscriptionSet<S>> group : queues.entrySet()) {
                collector.addQueueMembers(group.getKey(), group.getValue());
            }
        }
    }

    void forEachSubscription(Consumer<? super S> action) {
        if (plain != null) {
            plain.forEach(action);
        }
        if (queues != null) {
            for (SubscriptionSet<S> group : queues.values()) {
                group.forEach(action);
            }
        }
    }
}
