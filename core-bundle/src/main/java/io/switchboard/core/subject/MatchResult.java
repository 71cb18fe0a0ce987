package io.switchboard.core.subject;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The subscriptions matching one published subject: plain subscribers, each of which gets the
 * message, and queue groups, one per distinct queue name, each of which delivers it to one member.
 *
 * <p>Results are immutable and shared between threads (the index caches them), and are read by
 * position so that delivering a message allocates nothing. A subscription appears once per
 * matching subscription, so a client with overlapping subscriptions appears several times and
 * removing those duplicates is the caller's job.
 *
 * <p>Queue weights are read when the result is built; {@link SubjectIndex#queueWeightChanged}
 * drops the cached results a weight change affects.
 */
public final class MatchResult<S extends Subscription> {

    private static final Object[] NO_SUBSCRIPTIONS = {};
    private static final MatchResult<?> EMPTY =
            new MatchResult<>(NO_SUBSCRIPTIONS, new String[0], new Object[0][], new long[0][]);

    private final Object[] plain;
    private final String[] groupNames;
    private final Object[][] groupMembers;
    /** Per group, the running total of the members' weights, or null when every weight is 1. */
    private final long[][] cumulativeWeights;

    private MatchResult(Object[] plain, String[] groupNames, Object[][] groupMembers, long[][] cumulativeWeights) {
        this.plain = plain;
        this.groupNames = groupNames;
        this.groupMembers = groupMembers;
        this.cumulativeWeights = cumulativeWeights;
    }

    /** The shared result with no subscription. */
    @SuppressWarnings("unchecked")
    public static <S extends Subscription> MatchResult<S> empty() {
        return (MatchResult<S>) EMPTY;
    }

    /** Builds a result over arrays that the caller hands over and no longer touches. */
    static <S extends Subscription> MatchResult<S> of(Object[] plain, String[] groupNames, Object[][] groupMembers) {
        if (plain.length == 0 && groupNames.length == 0) {
            return empty();
        }
        long[][] cumulative = new long[groupMembers.length][];
        for (int g = 0; g < groupMembers.length; g++) {
            cumulative[g] = cumulativeWeights(groupMembers[g]);
        }
        return new MatchResult<>(plain, groupNames, groupMembers, cumulative);
    }

    /** This result plus {@code sub}, which must not be in it already. */
    MatchResult<S> with(S sub) {
        String queue = sub.queue();
        if (queue == null) {
            Object[] morePlain = Arrays.copyOf(plain, plain.length + 1);
            morePlain[plain.length] = sub;
            return new MatchResult<>(morePlain, groupNames, groupMembers, cumulativeWeights);
        }
        int g = groupIndex(queue);
        if (g < 0) {
            String[] names = Arrays.copyOf(groupNames, groupNames.length + 1);
            names[groupNames.length] = queue;
            Object[][] members = Arrays.copyOf(groupMembers, groupMembers.length + 1);
            members[groupMembers.length] = new Object[] {sub};
            long[][] cumulative = Arrays.copyOf(cumulativeWeights, cumulativeWeights.length + 1);
            cumulative[cumulativeWeights.length] = cumulativeWeights(members[groupMembers.length]);
            return new MatchResult<>(plain, names, members, cumulative);
        }
        Object[][] members = groupMembers.clone();
        members[g] = Arrays.copyOf(groupMembers[g], groupMembers[g].length + 1);
        members[g][groupMembers[g].length] = sub;
        long[][] cumulative = cumulativeWeights.clone();
        cumulative[g] = cumulativeWeights(members[g]);
        return new MatchResult<>(plain, groupNames, members, cumulative);
    }

    public boolean isEmpty() {
        return plain.length == 0 && groupNames.length == 0;
    }

    public int plainCount() {
        return plain.length;
    }

    @SuppressWarnings("unchecked")
    public S plain(int i) {
        return (S) plain[i];
    }

    public int groupCount() {
        return groupNames.length;
    }

    public String groupName(int g) {
        return groupNames[g];
    }

    /** The index of the group named {@code queue}, or -1. */
    public int groupIndex(String queue) {
        for (int g = 0; g < groupNames.length; g++) {
            if (groupNames[g].equals(queue)) {
                return g;
            }
        }
        return -1;
    }

    /** The number of distinct member subscriptions of group {@code g}, whatever their weights. */
    public int groupSize(int g) {
        return groupMembers[g].length;
    }

    @SuppressWarnings("unchecked")
    public S member(int g, int i) {
        return (S) groupMembers[g][i];
    }

    /** The sum of the weights of the members of group {@code g}. */
    public long groupWeight(int g) {
        long[] cumulative = cumulativeWeights[g];
        return cumulative == null ? groupMembers[g].length : cumulative[cumulative.length - 1];
    }

    /**
     * A member of group {@code g} drawn at random, each member with a probability proportional to its
     * {@link Subscription#queueWeight()}.
     */
    @SuppressWarnings("unchecked")
    public S pickMember(int g, RandomGenerator random) {
        Object[] members = groupMembers[g];
        if (members.length == 1) {
            return (S) members[0];
        }
        long[] cumulative = cumulativeWeights[g];
        if (cumulative == null) {
            return (S) members[random.nextInt(members.length)];
        }
        long ticket = random.nextLong(cumulative[cumulative.length - 1]);
        // Member i owns the tickets from cumulative[i - 1] (inclusive) to cumulative[i] (exclusive).
        int found = Arrays.binarySearch(cumulative, ticket);
        return (S) members[found >= 0 ? found + 1 : -found - 1];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("MatchResult[plain=").append(Arrays.toString(plain));
        for (int g = 0; g < groupNames.length; g++) {
            text.append(", ").append(groupNames[g]).append('=').append(Arrays.toString(groupMembers[g]));
        }
        return text.append(']').toString();
    }

    private static long[] cumulativeWeights(Object[] members) {
        long[] cumulative = null;
        long total = 0;
        for (int i = 0; i < members.length; i++) {
            int weight = Math.max(1, ((Subscription) members[i]).queueWeight());
            if (weight != 1 && cumulative == null) {
                cumulative = new long[members.length];
                for (int j = 0; j < i; j++) {
                    cumulative[j] = j + 1L;
                }
            }
            total += weight;
            if (cumulative != null) {
                cumulative[i] = total;
            }
        }
        return cumulative;
    }
}
