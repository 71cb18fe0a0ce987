package io.switchboard.core.subject;

import static io.switchboard.core.subject.Results.all;
import static io.switchboard.core.subject.Results.group;
import static io.switchboard.core.subject.Results.groupNames;
import static io.switchboard.core.subject.Results.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour that must not depend on the cache: every test runs with and without it. */
class SubjectIndexTest {

    @Nested
    class WithCache extends Contract {
        @Override
        SubjectIndex<TestSub> newIndex() {
            return new SubjectIndex<>();
        }
    }

    @Nested
    class WithTinyCache extends Contract {
        @Override
        SubjectIndex<TestSub> newIndex() {
            return new SubjectIndex<>(4);
        }
    }

    @Nested
    class WithoutCache extends Contract {
        @Override
        SubjectIndex<TestSub> newIndex() {
            return new SubjectIndex<>(0);
        }
    }

    abstract static class Contract {

        abstract SubjectIndex<TestSub> newIndex();

        private final SubjectIndex<TestSub> index = newIndex();

        private TestSub insert(TestSub sub) {
            index.insert(sub);
            return sub;
        }

        /** Matches twice so that with a cache the second answer comes from it. */
        private MatchResult<TestSub> match(String subject) {
            MatchResult<TestSub> first = index.match(subject);
            MatchResult<TestSub> second = index.match(subject);
            assertEquals(all(first), all(second), "cached result differs for " + subject);
            return second;
        }

        @Test
        void countsInsertedSubscriptions() {
            insert(TestSub.plain("foo"));
            insert(TestSub.plain("bar"));
            insert(TestSub.plain("foo.bar"));
            assertEquals(3, index.count());
        }

        @Test
        void matchesLiteralSubjects() {
            TestSub foo = insert(TestSub.plain("foo"));
            TestSub deep = insert(TestSub.plain("foo.bar.baz"));
            assertEquals(List.of(foo), plain(match("foo")));
            assertEquals(List.of(deep), plain(match("foo.bar.baz")));
            assertTrue(match("foo.bar").isEmpty());
            assertTrue(match("bar").isEmpty());
        }

        @Test
        void doesNotMatchLongerSubjectWithShorterLiteral() {
            TestSub foo = insert(TestSub.plain("foo"));
            assertEquals(List.of(foo), plain(match("foo")));
            assertTrue(match("foo.bar").isEmpty());
        }

        @Test
        void matchesPartialWildcardInTheMiddle() {
            TestSub literal = insert(TestSub.plain("a.b.c"));
            TestSub partial = insert(TestSub.plain("a.*.c"));
            assertEquals(Set.of(literal, partial), Set.copyOf(plain(match("a.b.c"))));
            assertEquals(List.of(partial), plain(match("a.x.c")));
            assertTrue(match("a.b").isEmpty());
            assertTrue(match("a.b.c.d").isEmpty());
        }

        @Test
        void matchesPartialWildcardAtTheEnd() {
            TestSub literal = insert(TestSub.plain("a.b.c"));
            TestSub partial = insert(TestSub.plain("a.b.*"));
            assertEquals(Set.of(literal, partial), Set.copyOf(plain(match("a.b.c"))));
            assertEquals(List.of(partial), plain(match("a.b.z")));
            assertTrue(match("a.b").isEmpty());
        }

        @Test
        void matchesFullWildcardWithOneOrMoreTokens() {
            TestSub literal = insert(TestSub.plain("a.b.c"));
            TestSub full = insert(TestSub.plain("a.>"));
            assertEquals(Set.of(literal, full), Set.copyOf(plain(match("a.b.c"))));
            assertEquals(List.of(full), plain(match("a.b")));
            assertTrue(match("a").isEmpty(), "> needs at least one token");
            assertEquals(List.of(full), plain(match("a.>")), "a published > is a literal token");
        }

        @Test
        void matchesLoneWildcards() {
            TestSub star = insert(TestSub.plain("*"));
            TestSub all = insert(TestSub.plain(">"));
            assertEquals(Set.of(star, all), Set.copyOf(plain(match("foo"))));
            assertEquals(List.of(all), plain(match("foo.bar")));
            assertEquals(List.of(all), plain(match("a.b.c.d.e.f.g")));
        }

        @Test
        void matchesMixedWildcards() {
            TestSub a = insert(TestSub.plain("*.b.>"));
            TestSub b = insert(TestSub.plain("a.*.*"));
            TestSub c = insert(TestSub.plain("*.*.c"));
            TestSub d = insert(TestSub.plain("a.>"));
            TestSub e = insert(TestSub.plain("*.b.c.d"));
            assertEquals(Set.of(a, b, c, d), Set.copyOf(plain(match("a.b.c"))));
            assertEquals(Set.of(a, d, e), Set.copyOf(plain(match("a.b.c.d"))));
            assertEquals(Set.of(a, e), Set.copyOf(plain(match("x.b.c.d"))));
            assertEquals(Set.of(c), Set.copyOf(plain(match("x.y.c"))));
            assertEquals(Set.of(d), Set.copyOf(plain(match("a.y"))));
        }

        @Test
        void treatsWildcardCharactersInsideTokensAsLiterals() {
            for (String subject : List.of("foo.*-", "foo.>-", "foo*", "foo.>>")) {
                TestSub sub = insert(TestSub.plain(subject));
                assertTrue(match("foo.bar").isEmpty(), subject);
                assertEquals(List.of(sub), plain(match(subject)), subject);
                assertFalse(index.remove(TestSub.plain("foo.bar")));
                assertEquals(1, index.count());
                assertTrue(index.remove(sub));
                assertEquals(0, index.count());
            }
        }

        @Test
        void listsEverySubscriptionOncePerMatchingSubscription() {
            TestSub exact = insert(TestSub.plain("orders.eu"));
            TestSub wildcard = insert(TestSub.plain("orders.*"));
            TestSub everything = insert(TestSub.plain(">"));
            List<TestSub> matched = plain(match("orders.eu"));
            assertEquals(3, matched.size());
            assertEquals(Set.of(exact, wildcard, everything), Set.copyOf(matched));
        }

        @Test
        void insertingTheSameSubscriptionTwiceChangesNothing() {
            TestSub sub = insert(TestSub.plain("foo"));
            long generation = index.generation();
            index.insert(sub);
            assertEquals(1, index.count());
            assertEquals(generation, index.generation());
            assertEquals(List.of(sub), plain(match("foo")));
            assertTrue(index.remove(sub));
            assertTrue(match("foo").isEmpty());
        }

        @Test
        void distinguishesSubscriptionsByReference() {
            TestSub first = insert(TestSub.plain("foo"));
            TestSub second = insert(TestSub.plain("foo"));
            assertEquals(2, index.count());
            assertEquals(2, plain(match("foo")).size());
            assertTrue(index.remove(first));
            assertSame(second, plain(match("foo")).get(0));
        }

        @Test
        void groupsQueueSubscriptionsByName() {
            TestSub plainSub = TestSub.plain("foo");
            TestSub bar1 = TestSub.queue("foo", "bar");
            TestSub baz1 = TestSub.queue("foo", "baz");

            insert(bar1);
            MatchResult<TestSub> result = match("foo");
            assertEquals(0, result.plainCount());
            assertEquals(List.of("bar"), groupNames(result));
            assertEquals(List.of(bar1), group(result, "bar"));

            insert(baz1);
            result = match("foo");
            assertEquals(0, result.plainCount());
            assertEquals(Set.of("bar", "baz"), Set.copyOf(groupNames(result)));
            assertEquals(List.of(baz1), group(result, "baz"));

            insert(plainSub);
            TestSub bar2 = insert(TestSub.queue("foo", "bar"));
            TestSub baz2 = insert(TestSub.queue("foo", "baz"));
            result = match("foo");
            assertEquals(List.of(plainSub), plain(result));
            assertEquals(2, result.groupCount());
            assertEquals(Set.of(bar1, bar2), Set.copyOf(group(result, "bar")));
            assertEquals(Set.of(baz1, baz2), Set.copyOf(group(result, "baz")));

            assertTrue(index.remove(plainSub));
            result = match("foo");
            assertEquals(0, result.plainCount());
            assertEquals(2, result.groupCount());

            assertTrue(index.remove(bar1));
            result = match("foo");
            assertEquals(List.of(bar2), group(result, "bar"));
            assertEquals(2, group(result, "baz").size());

            assertTrue(index.remove(bar2));
            result = match("foo");
            assertEquals(List.of("baz"), groupNames(result));
            assertEquals(Set.of(baz1, baz2), Set.copyOf(group(result, "baz")));

            assertTrue(index.remove(baz1));
            assertTrue(index.remove(baz2));
            assertTrue(match("foo").isEmpty());
            assertEquals(0, index.nodeCount());
        }

        @Test
        void mergesQueueGroupMembersAcrossMatchingPatterns() {
            TestSub exact = insert(TestSub.queue("orders.eu", "workers"));
            TestSub wildcard = insert(TestSub.queue("orders.*", "workers"));
            TestSub everything = insert(TestSub.queue("orders.>", "archivers"));
            TestSub listener = insert(TestSub.plain("orders.*"));
            MatchResult<TestSub> result = match("orders.eu");
            assertEquals(List.of(listener), plain(result));
            assertEquals(2, result.groupCount());
            assertEquals(Set.of(exact, wildcard), Set.copyOf(group(result, "workers")));
            assertEquals(List.of(everything), group(result, "archivers"));
            assertEquals(List.of(wildcard), group(match("orders.us"), "workers"));
        }

        @Test
        void keepsPlainAndQueueSubscriptionsOnTheSameNodeApart() {
            TestSub plainSub = insert(TestSub.plain("foo"));
            TestSub queued = insert(TestSub.queue("foo", "q"));
            assertFalse(index.remove(TestSub.queue("foo", "q")));
            assertTrue(index.remove(queued));
            MatchResult<TestSub> result = match("foo");
            assertEquals(List.of(plainSub), plain(result));
            assertEquals(0, result.groupCount());
        }

        @Test
        void removesSubscriptions() {
            TestSub sub = insert(TestSub.plain("a.b.c.d"));
            assertEquals(1, plain(match("a.b.c.d")).size());
            assertFalse(index.remove(TestSub.plain("a.b.c")));
            assertFalse(index.remove(TestSub.plain("a.b.c.d")));
            assertEquals(1, index.count());
            assertTrue(index.remove(sub));
            assertFalse(index.remove(sub));
            assertEquals(0, index.count());
            assertTrue(match("a.b.c.d").isEmpty());
        }

        @Test
        void removesWildcardSubscriptions() {
            TestSub sub = insert(TestSub.plain("a.b.c.d"));
            TestSub partial = insert(TestSub.plain("a.b.*.d"));
            TestSub full = insert(TestSub.plain("a.b.>"));
            assertEquals(3, plain(match("a.b.c.d")).size());
            assertTrue(index.remove(sub));
            assertEquals(Set.of(partial, full), Set.copyOf(plain(match("a.b.c.d"))));
            assertTrue(index.remove(full));
            assertEquals(List.of(partial), plain(match("a.b.c.d")));
            assertTrue(index.remove(partial));
            assertEquals(0, index.count());
            assertTrue(match("a.b.c.d").isEmpty());
        }

        @Test
        void prunesNodesOfALiteralSubject() {
            assertEquals(0, index.depth());
            TestSub sub = insert(TestSub.plain("a.b.c.d.e.f"));
            assertEquals(6, index.depth());
            assertEquals(6, index.nodeCount());
            index.remove(sub);
            assertEquals(0, index.depth());
            assertEquals(0, index.nodeCount());
        }

        @Test
        void prunesNodesOfAWildcardSubject() {
            TestSub sub = insert(TestSub.plain("a.b.*.d.e.>"));
            assertEquals(6, index.depth());
            index.remove(sub);
            assertEquals(0, index.depth());
            assertEquals(0, index.nodeCount());
        }

        @Test
        void prunesOnlyWhatNoOtherSubscriptionNeeds() {
            TestSub shortSub = insert(TestSub.plain("a.b"));
            TestSub longSub = insert(TestSub.plain("a.b.c.d"));
            TestSub sibling = insert(TestSub.queue("a.x", "q"));
            assertEquals(5, index.nodeCount());
            index.remove(longSub);
            assertEquals(3, index.nodeCount());
            assertEquals(List.of(shortSub), plain(match("a.b")));
            index.remove(shortSub);
            assertEquals(2, index.nodeCount());
            assertEquals(List.of(sibling), group(match("a.x"), "q"));
            index.remove(sibling);
            assertEquals(0, index.nodeCount());
        }

        @Test
        void givesAllMemoryBackOnceEverySubscriptionIsRemoved() {
            List<TestSub> subs = new ArrayList<>();
            for (int region = 0; region < 5; region++) {
                for (int id = 0; id < 40; id++) {
                    subs.add(insert(TestSub.plain("orders.r" + region + ".o" + id)));
                    subs.add(insert(TestSub.queue("orders.r" + region + ".o" + id, "q" + (id % 3))));
                }
                subs.add(insert(TestSub.plain("orders.r" + region + ".*")));
                subs.add(insert(TestSub.plain("orders.*.o" + region)));
                subs.add(insert(TestSub.queue("orders.r" + region + ".>", "audit")));
            }
            subs.add(insert(TestSub.plain(">")));
            subs.add(insert(TestSub.plain("*.*.*")));
            assertEquals(subs.size(), index.count());
            for (String subject : List.of("orders.r1.o1", "orders.r4.o39", "orders.r2.x", "other")) {
                match(subject);
            }
            Collections.shuffle(subs, new Random(7));
            for (TestSub sub : subs) {
                assertTrue(index.remove(sub), sub.toString());
            }
            assertEquals(0, index.count());
            assertEquals(0, index.nodeCount());
            assertEquals(0, index.depth());
            assertTrue(match("orders.r1.o1").isEmpty());
        }

        @Test
        void removesOneOfManySubscriptionsOnOneSubject() {
            for (int i = 0; i < 512; i++) {
                insert(TestSub.plain("foo"));
            }
            List<TestSub> matched = plain(match("foo"));
            assertEquals(512, matched.size());
            assertTrue(index.remove(matched.get(256)));
            assertTrue(index.remove(matched.get(0)));
            assertTrue(index.remove(matched.get(511)));
            List<TestSub> remaining = plain(match("foo"));
            assertEquals(509, remaining.size());
            Set<TestSub> expected = Collections.newSetFromMap(new IdentityHashMap<>());
            expected.addAll(matched.subList(1, 511));
            expected.remove(matched.get(256));
            assertEquals(expected, Set.copyOf(remaining));
            for (TestSub sub : remaining) {
                assertTrue(index.remove(sub));
            }
            assertEquals(0, index.nodeCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {".foo", "foo.", "foo..bar", "foo.bar..baz", "foo.>.bar", ">.foo", "", "foo bar"})
        void rejectsInvalidSubjects(String subject) {
            assertThrows(IllegalArgumentException.class, () -> index.insert(TestSub.plain(subject)));
            assertThrows(IllegalArgumentException.class, () -> index.insert(TestSub.queue(subject, "q")));
            assertFalse(index.remove(TestSub.plain(subject)));
            assertEquals(0, index.count());
            assertEquals(0, index.nodeCount());
        }

        @Test
        void rejectsMissingSubjectAndInvalidQueueNames() {
            assertThrows(IllegalArgumentException.class, () -> index.insert(TestSub.plain(null)));
            assertThrows(IllegalArgumentException.class, () -> index.insert(TestSub.queue("foo", "")));
            assertThrows(IllegalArgumentException.class, () -> index.insert(TestSub.queue("foo", "a b")));
            assertFalse(index.remove(TestSub.plain(null)));
            assertEquals(0, index.count());
        }

        @ParameterizedTest
        @ValueSource(strings = {".foo", "..foo", "foo..", "foo.", "foo..bar", "foo...bar", "", "."})
        void matchesNothingForSubjectsWithEmptyTokens(String subject) {
            insert(TestSub.plain(">"));
            insert(TestSub.queue(">", "queue"));
            MatchResult<TestSub> result = match(subject);
            assertSame(MatchResult.empty(), result);
            assertFalse(index.hasInterest(subject));
        }

        @Test
        void sharesTheEmptyResult() {
            MatchResult<TestSub> foo = match("foo");
            MatchResult<TestSub> bar = match("bar");
            assertTrue(foo.isEmpty());
            assertEquals(0, foo.plainCount());
            assertEquals(0, foo.groupCount());
            assertSame(foo, bar);
            assertSame(MatchResult.empty(), foo);
        }

        @Test
        void tellsInterest() {
            insert(TestSub.plain("foo"));
            insert(TestSub.plain("stream.A.child"));
            insert(TestSub.queue("stream.*", "q"));
            insert(TestSub.plain("wild.>"));
            assertTrue(index.hasInterest("foo"));
            assertFalse(index.hasInterest("bar"));
            assertTrue(index.hasInterest("stream.A.child"));
            assertTrue(index.hasInterest("stream.A"));
            assertFalse(index.hasInterest("stream.A.other"));
            assertTrue(index.hasInterest("wild.x.y"));
            assertFalse(index.hasInterest("wild"));
            match("foo");
            match("bar");
            assertTrue(index.hasInterest("foo"));
            assertFalse(index.hasInterest("bar"));
        }

        @Test
        void enumeratesAllSubscriptions() {
            List<TestSub> subs = List.of(
                    TestSub.plain("foo.bar.baz"), TestSub.plain("foo"), TestSub.plain("baz"),
                    TestSub.queue("foo", "q"), TestSub.queue("foo.*", "q"), TestSub.plain(">"));
            subs.forEach(index::insert);
            List<TestSub> seen = new ArrayList<>();
            index.forEach(seen::add);
            assertEquals(subs.size(), seen.size());
            assertEquals(Set.copyOf(subs), Set.copyOf(seen));
        }

        @Test
        void letsTheEnumerationCallBackIntoTheIndex() {
            for (int i = 0; i < 10; i++) {
                insert(TestSub.plain("s." + i));
            }
            index.forEach(index::remove);
            assertEquals(0, index.count());
        }

        @Test
        void removesInBatchSkippingUnknownSubscriptions() {
            TestSub foo = insert(TestSub.plain("foo"));
            TestSub bar = insert(TestSub.plain("bar"));
            TestSub baz = insert(TestSub.plain("baz"));
            TestSub wild = insert(TestSub.queue("ba*.>", "q"));
            index.removeAll(List.of(TestSub.plain("not.inserted"), foo, baz, TestSub.plain("bad..subject"), wild));
            assertEquals(1, index.count());
            assertEquals(List.of(bar), plain(match("bar")));
            assertTrue(match("foo").isEmpty());
            assertTrue(match("baz").isEmpty());
            index.removeAll(List.of(bar));
            assertEquals(0, index.nodeCount());
        }

        @Test
        void changesGenerationOnEveryChangeOnly() {
            long start = index.generation();
            TestSub foo = insert(TestSub.plain("foo"));
            long afterInsert = index.generation();
            assertNotEquals(start, afterInsert);
            match("foo");
            index.hasInterest("foo");
            assertFalse(index.remove(TestSub.plain("foo")));
            index.removeAll(List.of(TestSub.plain("foo")));
            assertEquals(afterInsert, index.generation());

            TestSub bar = insert(TestSub.plain("bar"));
            TestSub baz = insert(TestSub.plain("baz"));
            long beforeBatch = index.generation();
            index.removeAll(List.of(bar, baz));
            assertEquals(beforeBatch + 1, index.generation(), "one change for the whole batch");

            long beforeRemove = index.generation();
            assertTrue(index.remove(foo));
            assertNotEquals(beforeRemove, index.generation());

            long beforeWeight = index.generation();
            index.queueWeightChanged(TestSub.weighted("foo", "q", 3));
            assertNotEquals(beforeWeight, index.generation());
        }

        @Test
        void countsWeightedRemoteQueueMembers() {
            TestSub local1 = insert(TestSub.queue("foo", "bar"));
            insert(TestSub.queue("foo", "bar"));
            TestSub remote1 = insert(TestSub.weighted("foo", "bar", 10));
            TestSub remote2 = insert(TestSub.weighted("foo", "bar", 10));
            assertEquals(4, index.count());

            MatchResult<TestSub> result = match("foo");
            assertEquals(0, result.plainCount());
            assertEquals(1, result.groupCount());
            assertEquals(4, result.groupSize(0));
            assertEquals(22, result.groupWeight(0));

            index.remove(local1);
            index.remove(remote1);
            assertEquals(2, index.count());
            result = match("foo");
            assertEquals(2, result.groupSize(0));
            assertEquals(11, result.groupWeight(0));

            remote2.setWeight(1);
            index.queueWeightChanged(remote2);
            result = match("foo");
            assertEquals(2, result.groupSize(0));
            assertEquals(2, result.groupWeight(0));
        }

        @Test
        void agreesWithBruteForceMatchingUnderRandomChanges() {
            Random random = new Random(20240229);
            String[] tokens = {"a", "b", "c"};
            List<TestSub> live = new ArrayList<>();
            for (int step = 0; step < 3000; step++) {
                int action = random.nextInt(10);
                if (action < 5 || live.isEmpty()) {
                    String subject = randomSubject(random, tokens, true);
                    TestSub sub = random.nextInt(3) == 0
                            ? TestSub.weighted(subject, "q" + random.nextInt(3), 1 + random.nextInt(3))
                            : TestSub.plain(subject);
                    index.insert(sub);
                    live.add(sub);
                } else if (action < 9) {
                    assertTrue(index.remove(live.remove(random.nextInt(live.size()))));
                } else {
                    List<TestSub> batch = new ArrayList<>();
                    for (int i = 0; i < 3 && !live.isEmpty(); i++) {
                        batch.add(live.remove(random.nextInt(live.size())));
                    }
                    index.removeAll(batch);
                }
                assertEquals(live.size(), index.count());
                for (int probe = 0; probe < 4; probe++) {
                    String subject = randomSubject(random, tokens, false);
                    assertMatchesModel(subject, live);
                }
            }
            index.removeAll(live);
            assertEquals(0, index.count());
            assertEquals(0, index.nodeCount());
        }

        private void assertMatchesModel(String subject, List<TestSub> live) {
            List<TestSub> expectedPlain = new ArrayList<>();
            Map<String, Set<TestSub>> expectedGroups = new HashMap<>();
            long expectedWeight = 0;
            for (TestSub sub : live) {
                if (!Subjects.subjectMatches(sub.subject(), subject)) {
                    continue;
                }
                if (sub.queue() == null) {
                    expectedPlain.add(sub);
                } else {
                    expectedGroups.computeIfAbsent(sub.queue(), q -> new HashSet<>()).add(sub);
                    expectedWeight += sub.queueWeight();
                }
            }
            MatchResult<TestSub> result = index.match(subject);
            assertEquals(expectedPlain.size(), result.plainCount(), subject);
            assertEquals(Set.copyOf(expectedPlain), Set.copyOf(plain(result)), subject);
            assertEquals(expectedGroups.keySet(), Set.copyOf(groupNames(result)), subject);
            long weight = 0;
            for (Map.Entry<String, Set<TestSub>> expected : expectedGroups.entrySet()) {
                List<TestSub> members = group(result, expected.getKey());
                assertEquals(expected.getValue().size(), members.size(), subject);
                assertEquals(expected.getValue(), Set.copyOf(members), subject);
                weight += result.groupWeight(result.groupIndex(expected.getKey()));
            }
            assertEquals(expectedWeight, weight, subject);
            assertEquals(!expectedPlain.isEmpty() || !expectedGroups.isEmpty(), index.hasInterest(subject), subject);
        }

        private static String randomSubject(Random random, String[] tokens, boolean wildcards) {
            int length = 1 + random.nextInt(4);
            StringBuilder subject = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    subject.append('.');
                }
                int pick = random.nextInt(wildcards ? tokens.length + 2 : tokens.length);
                if (pick < tokens.length) {
                    subject.append(tokens[pick]);
                } else if (pick == tokens.length || i < length - 1) {
                    subject.append('*');
                } else {
                    subject.append('>');
                }
            }
            return subject.toString();
        }
    }
}
