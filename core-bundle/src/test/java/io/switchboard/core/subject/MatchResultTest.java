package io.switchboard.core.subject;

import static io.switchboard.core.subject.Results.group;
import static io.switchboard.core.subject.Results.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MatchResultTest {

    private static final int DRAWS = 200_000;

    private final SubjectIndex<TestSub> index = new SubjectIndex<>();

    @Test
    void picksMembersInProportionToTheirWeights() {
        TestSub light = TestSub.weighted("jobs", "workers", 1);
        TestSub medium = TestSub.weighted("jobs", "workers", 3);
        TestSub heavy = TestSub.weighted("jobs.*", "workers", 6);
        List.of(light, medium, heavy).forEach(index::insert);
        MatchResult<TestSub> result = index.match("jobs");
        assertEquals(2, result.groupSize(0), "jobs.* does not match jobs");
        result = index.match("jobs.x");
        assertEquals(1, result.groupSize(0));

        index.insert(TestSub.weighted("jobs", "other", 4));
        TestSub heavyOnJobs = TestSub.weighted("jobs", "workers", 6);
        index.insert(heavyOnJobs);
        result = index.match("jobs");
        int g = result.groupIndex("workers");
        assertEquals(10, result.groupWeight(g));

        Map<TestSub, Integer> counts = draw(result, g, new SplittableRandom(42));
        assertShare(0.1, counts.get(light));
        assertShare(0.3, counts.get(medium));
        assertShare(0.6, counts.get(heavyOnJobs));
    }

    @Test
    void picksUnweightedMembersUniformly() {
        for (int i = 0; i < 4; i++) {
            index.insert(TestSub.queue("jobs", "workers"));
        }
        MatchResult<TestSub> result = index.match("jobs");
        assertEquals(4, result.groupWeight(0));
        Map<TestSub, Integer> counts = draw(result, 0, new SplittableRandom(7));
        assertEquals(4, counts.size());
        counts.values().forEach(count -> assertShare(0.25, count));
    }

    @Test
    void countsWeightsBelowOneAsOne() {
        TestSub zero = TestSub.weighted("jobs", "workers", 0);
        TestSub negative = TestSub.weighted("jobs", "workers", -5);
        TestSub two = TestSub.weighted("jobs", "workers", 2);
        List.of(zero, negative, two).forEach(index::insert);
        MatchResult<TestSub> result = index.match("jobs");
        assertEquals(4, result.groupWeight(0));
        Map<TestSub, Integer> counts = draw(result, 0, new SplittableRandom(3));
        assertShare(0.25, counts.get(zero));
        assertShare(0.25, counts.get(negative));
        assertShare(0.5, counts.get(two));
    }

    @Test
    void picksTheOnlyMemberWithoutDrawing() {
        TestSub only = TestSub.weighted("jobs", "workers", 9);
        index.insert(only);
        RandomGenerator unusable = () -> {
            throw new AssertionError("no draw needed");
        };
        assertSame(only, index.match("jobs").pickMember(0, unusable));
    }

    @Test
    void keepsEarlierResultsUnchangedWhenTheIndexChanges() {
        TestSub first = TestSub.queue("jobs", "workers");
        TestSub listener = TestSub.plain("jobs");
        index.insert(first);
        index.insert(listener);
        MatchResult<TestSub> before = index.match("jobs");
        index.insert(TestSub.queue("jobs", "workers"));
        index.insert(TestSub.plain("jobs"));
        index.remove(listener);
        assertEquals(List.of(first), group(before, "workers"));
        assertEquals(List.of(listener), plain(before));
    }

    @Test
    void growsByOneSubscriptionWithoutTouchingTheOriginal() {
        TestSub plainSub = TestSub.plain("a");
        TestSub member = TestSub.weighted("a", "q", 3);
        TestSub newcomer = TestSub.queue("a", "r");
        MatchResult<TestSub> empty = MatchResult.empty();
        MatchResult<TestSub> one = empty.with(plainSub);
        MatchResult<TestSub> two = one.with(member);
        MatchResult<TestSub> three = two.with(newcomer);
        MatchResult<TestSub> four = three.with(TestSub.queue("a", "q"));
        assertTrue(empty.isEmpty());
        assertEquals(1, one.plainCount());
        assertEquals(0, one.groupCount());
        assertEquals(1, two.groupCount());
        assertEquals(3, two.groupWeight(0));
        assertEquals(2, three.groupCount());
        assertEquals(List.of(newcomer), group(three, "r"));
        assertEquals(1, three.groupSize(three.groupIndex("q")));
        assertEquals(2, four.groupSize(four.groupIndex("q")));
        assertEquals(4, four.groupWeight(four.groupIndex("q")));
        assertEquals(-1, four.groupIndex("missing"));
    }

    private static Map<TestSub, Integer> draw(MatchResult<TestSub> result, int g, RandomGenerator random) {
        Map<TestSub, Integer> counts = new IdentityHashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(result.pickMember(g, random), 1, Integer::sum);
        }
        return counts;
    }

    /** Within 1% of the expected share: over five standard deviations for these draws. */
    private static void assertShare(double expected, int count) {
        double share = (double) count / DRAWS;
        assertEquals(expected, share, 0.01, "share " + share + " instead of " + expected);
    }
}
