package io.switchboard.core.subject;

import java.util.function.Consumer;

/**
 * The token trie behind {@link SubjectIndex}. It is not thread-safe: the index serialises writers
 * and lets readers in only while no writer is active.
 *
 * <p>All methods take subjects already split into non-empty tokens.
 */
final class SubjectTrie<S extends Subscription> {

    private final Level<S> root = new Level<>();

    /** Adds {@code sub}; returns false when that very subscription is already there. */
    boolean add(String[] tokens, String queue, S sub) {
        Level<S> level = root;
        Node<S> node = null;
        for (int i = 0; i < tokens.length; i++) {
            node = level.childOrCreate(tokens[i]);
            if (i < tokens.length - 1) {
                level = node.nextOrCreate();
            }
        }
        return node.add(sub, queue);
    }

    /** Removes {@code sub} and prunes the nodes left unused; returns false when it was not there. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean remove(String[] tokens, String queue, S sub) {
        Level<S>[] levels = new Level[tokens.length];
        Node<S>[] nodes = new Node[tokens.length];
        Level<S> level = root;
        for (int i = 0; i < tokens.length; i++) {
            Node<S> node = level == null ? null : level.child(tokens[i]);
            if (node == null) {
                return false;
            }
            levels[i] = level;
            nodes[i] = node;
            level = node.next;
        }
        if (!nodes[tokens.length - 1].remove(sub, queue)) {
            return false;
        }
        for (int i = tokens.length - 1; i >= 0 && nodes[i].isUnused(); i--) {
            levels[i].removeChild(tokens[i]);
            if (i > 0 && levels[i].isEmpty()) {
                nodes[i - 1].next = null;
            }
        }
        return true;
    }

    /** Adds every subscription matching the published subject to {@code collector}. */
    void collect(String[] tokens, MatchCollector<S> collector) {
        collect(root, tokens, 0, collector);
    }

    private static <S extends Subscription> void collect(
            Level<S> start, String[] tokens, int from, MatchCollector<S> collector) {
        int last = tokens.length - 1;
        Level<S> level = start;
        for (int i = from; ; i++) {
            if (level.fullWildcard != null) {
                level.fullWildcard.collectInto(collector);
            }
            Node<S> partial = level.partialWildcard;
            if (partial != null && i != last && partial.next != null) {
                collect(partial.next, tokens, i + 1, collector);
            }
            Node<S> literal = level.literal(tokens[i]);
            if (i == last) {
                // nats-server's order, which clients see in the order of MSGs: literal before '*'
                if (literal != null) {
                    literal.collectInto(collector);
                }
                if (partial != null) {
                    partial.collectInto(collector);
                }
                return;
            }
            if (literal == null) {
                return;
            }
            level = literal.next;
            if (level == null) {
                return;
            }
        }
    }

    /** Whether at least one subscription matches the published subject. */
    boolean hasMatch(String[] tokens) {
        return hasMatch(root, tokens, 0);
    }

    private static <S extends Subscription> boolean hasMatch(Level<S> start, String[] tokens, int from) {
        int last = tokens.length - 1;
        Level<S> level = start;
        for (int i = from; ; i++) {
            if (level.fullWildcard != null && level.fullWildcard.hasSubscriptions()) {
                return true;
            }
            Node<S> partial = level.partialWildcard;
            if (partial != null) {
                if (i == last ? partial.hasSubscriptions()
                        : partial.next != null && hasMatch(partial.next, tokens, i + 1)) {
                    return true;
                }
            }
            Node<S> literal = level.literal(tokens[i]);
            if (literal == null) {
                return false;
            }
            if (i == last) {
                return literal.hasSubscriptions();
            }
            level = literal.next;
            if (level == null) {
                return false;
            }
        }
    }

    void forEach(Consumer<? super S> action) {
        forEach(root, action);
    }

    private static <S extends Subscription> void forEach(Level<S> level, Consumer<? super S> action) {
        level.forEachChild(node -> {
            node.forEachSubscription(action);
            if (node.next != null) {
                forEach(node.next, action);
            }
        });
    }

    /** The number of nodes, to check that removals give all memory back. */
    int nodeCount() {
        return nodeCount(root);
    }

    private static <S extends Subscription> int nodeCount(Level<S> level) {
        int[] count = {0};
        level.forEachChild(node -> count[0] += 1 + (node.next == null ? 0 : nodeCount(node.next)));
        return count[0];
    }

    /** The number of levels on the longest path. */
    int depth() {
        return depth(root);
    }

    private static <S extends Subscription> int depth(Level<S> level) {
        if (level.isEmpty()) {
            return 0;
        }
        int[] deepest = {0};
        level.forEachChild(node -> deepest[0] = Math.max(deepest[0], node.next == null ? 0 : depth(node.next)));
        return 1 + deepest[0];
    }
}
