package io.switchboard.core.subject;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Gathers the subscriptions of the trie nodes a subject matches into a {@link MatchResult}. */
final class MatchCollector<S extends Subscription> {

    private static final Object[] NONE = {};
    /** Past this many groups a name lookup by linear scan costs more than a hash map. */
    private static final int SCAN_GROUPS_UP_TO = 8;

    private Object[] plain = NONE;
    private int plainCount;
    private String[] groupNames;
    private Object[][] groupMembers;
    private int[] groupSizes;
    private int groupCount;
    private Map<String, Integer> groupIndex;

    void addPlain(SubscriptionSet<S> subs) {
        plain = ensureRoom(plain, plainCount, subs.size());
        subs.copyTo(plain, plainCount);
        plainCount += subs.size();
    }

    void addQueueMembers(String queue, SubscriptionSet<S> members) {
        int g = groupOf(queue);
        groupMembers[g] = ensureRoom(groupMembers[g], groupSizes[g], members.size());
        members.copyTo(groupMembers[g], groupSizes[g]);
        groupSizes[g] += members.size();
    }

    MatchResult<S> build() {
        if (groupCount == 0) {
            return MatchResult.of(trim(plain, plainCount), new String[0], new Object[0][]);
        }
        Object[][] members = new Object[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            members[g] = trim(groupMembers[g], groupSizes[g]);
        }
        return MatchResult.of(trim(plain, plainCount), Arrays.copyOf(groupNames, groupCount), members);
    }

    private int groupOf(String queue) {
        if (groupIndex != null) {
            Integer g = groupIndex.get(queue);
            if (g != null) {
                return g;
            }
        } else {
            for (int g = 0; g < groupCount; g++) {
                if (groupNames[g].equals(queue)) {
                    return g;
                }
            }
        }
        return addGroup(queue);
    }

    private int addGroup(String queue) {
        if (groupNames == null) {
            groupNames = new String[2];
            groupMembers = new Object[2][];
            groupSizes = new int[2];
        } else if (groupCount == groupNames.length) {
            groupNames = Arrays.copyOf(groupNames, groupCount * 2);
            groupMembers = Arrays.copyOf(groupMembers, groupCount * 2);
            groupSizes = Arrays.copyOf(groupSizes, groupCount * 2);
        }
        int g = groupCount++;
        groupNames[g] = queue;
        groupMembers[g] = NONE;
        if (groupIndex != null) {
            groupIndex.put(queue, g);
        } else if (groupCount > SCAN_GROUPS_UP_TO) {
            groupIndex = new HashMap<>();
            for (int i = 0; i < groupCount; i++) {
                groupIndex.put(groupNames[i], i);
            }
        }
        return g;
    }

    private static Object[] ensureRoom(Object[] array, int used, int extra) {
        int needed = used + extra;
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }

    private static Object[] trim(Object[] array, int length) {
        return array.length == length ? array : Arrays.copyOf(array, length);
    }
}
