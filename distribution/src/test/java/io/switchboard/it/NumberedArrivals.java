package io.switchboard.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What arrived of a stream numbered from 0: how many, which numbers are missing (as ranges),
 * how many came twice and how many came after a higher one. Kept as ranges, not as a list of
 * every number, so that a long run costs little memory.
 */
final class NumberedArrivals {

    /** The numbers {@code first} to {@code last}, both included. */
    record Range(long first, long last) {
        long size() {
            return last - first + 1;
        }

        boolean contains(long n) {
            return first <= n && n <= last;
        }
    }

    private final List<Range> gaps = new ArrayList<>();
    private long next;
    private long delivered;
    private long duplicated;
    private long reordered;

    synchronized void arrived(long n) {
        delivered++;
        if (n == next) {
            next++;
        } else if (n > next) {
            gaps.add(new Range(next, n - 1));
            next = n + 1;
        } else if (!fill(n)) {
            duplicated++;
        }
    }

    /** Takes {@code n} out of the gap it falls in: a late arrival. */
    private boolean fill(long n) {
        for (int i = 0; i < gaps.size(); i++) {
            Range gap = gaps.get(i);
            if (gap.contains(n)) {
                reordered++;
                gaps.remove(i);
                if (n < gap.last()) {
                    gaps.add(i, new Range(n + 1, gap.last()));
                }
                if (gap.first() < n) {
                    gaps.add(i, new Range(gap.first(), n - 1));
                }
                return true;
            }
        }
        return false;
    }

    /** The highest number in, -1 before the first. */
    synchronized long highest() {
        return next - 1;
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized long duplicated() {
        return duplicated;
    }

    synchronized long reordered() {
        return reordered;
    }

    /** The numbers below {@code published} that never arrived. */
    synchronized List<Range> missing(long published) {
        List<Range> missing = new ArrayList<>(gaps);
        if (next < published) {
            missing.add(new Range(next, published - 1));
        }
        return missing;
    }
}
