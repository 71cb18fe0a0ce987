package io.switchboard.core.subject;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.function.Consumer;

/**
 * The subscriptions of one trie node, identified by reference, kept in a dense array so that a
 * match copies them in one go.
 *
 * <p>Most nodes hold one or two subscriptions and a linear scan is cheapest; a node that many
 * clients subscribe to (a fan-out subject) gets a position index so that adding and removing stay
 * constant-time.
 */
final class SubscriptionSet<S extends Subscription> {

    private static final int INDEX_FROM = 16;
    private static final int MIN_CAPACITY = 2;

    private Object[] items = new Object[MIN_CAPACITY];
    private int size;
    private IdentityHashMap<Object, Integer> positions;

    boolean add(S sub) {
        if (indexOf(sub) >= 0) {
            return false;
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size] = sub;
        if (positions != null) {
            positions.put(sub, size);
        }
        size++;
        if (positions == null && size >= INDEX_FROM) {
            positions = new IdentityHashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                positions.put(items[i], i);
            }
        }
        return true;
    }

    boolean remove(S sub) {
        int index = indexOf(sub);
        if (index < 0) {
            return false;
        }
        int last = --size;
        Object moved = items[last];
        items[index] = moved;
        items[last] = null;
        if (positions != null) {
            positions.remove(sub);
            if (index != last) {
                positions.put(moved, index);
            }
            // Hysteresis, so that a node hovering around the threshold does not rebuild its index.
            if (size < INDEX_FROM / 2) {
                positions = null;
            }
        }
        if (items.length > MIN_CAPACITY * 4 && size < items.length / 4) {
            items = Arrays.copyOf(items, Math.max(MIN_CAPACITY, items.length / 2));
        }
        return true;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Copies the subscriptions into {@code target} from {@code offset} on; it must have room. */
    void copyTo(Object[] target, int offset) {
        System.arraycopy(items, 0, target, offset, size);
    }

    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super S> action) {
        for (int i = 0; i < size; i++) {
            action.accept((S) items[i]);
        }
    }

    private int indexOf(Object sub) {
        if (positions != null) {
            Integer position = positions.get(sub);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < size; i++) {
            if (items[i] == sub) {
                return i;
            }
        }
        return -1;
    }
}
