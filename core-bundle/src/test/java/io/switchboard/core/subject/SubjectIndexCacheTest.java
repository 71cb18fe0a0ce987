package io.switchboard.core.subject;

import static io.switchboard.core.subject.Results.group;
import static io.switchboard.core.subject.Results.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectIndexCacheTest {

    private final SubjectIndex<TestSub> index = new SubjectIndex<>();

    @Test
    void answersRepeatedMatchesWithTheSameInstance() {
        index.insert(TestSub.plain("foo.*"));
        MatchResult<TestSub> first = index.match("foo.bar");
        assertEquals(1, index.cacheSize());
        assertSame(first, index.match("foo.bar"));
        assertSame(first, index.match(new String("foo.bar")));
    }

    @Test
    void keepsCachedResultsCurrentThroughInsertsAndRemoves() {
        TestSub sub = TestSub.plain("a.b.c.d");
        TestSub partial = TestSub.plain("a.b.*.d");
        TestSub full = TestSub.plain("a.b.>");
        index.insert(sub);
        assertEquals(List.of(sub), plain(index.match("a.b.c.d")));
        index.insert(partial);
        index.insert(full);
        assertEquals(3, index.count());
        assertEquals(Set.of(sub, partial, full), Set.copyOf(plain(index.match("a.b.c.d"))));
        index.remove(sub);
        assertEquals(Set.of(partial, full), Set.copyOf(plain(index.match("a.b.c.d"))));
        index.remove(full);
        index.remove(partial);
        assertEquals(0, index.count());
        assertEquals(0, index.cacheSize(), "every removal dropped the entry it took part in");
        assertTrue(index.match("a.b.c.d").isEmpty());
    }

    @Test
    void addsNewSubscriptionsToCachedResults() {
        TestSub wildcard = TestSub.plain("foo.*");
        TestSub literal = TestSub.plain("foo.bar");
        index.insert(wildcard);
        index.insert(literal);
        assertEquals(List.of(wildcard), plain(index.match("foo.baz")));
        assertEquals(Set.of(wildcard, literal), Set.copyOf(plain(index.match("foo.bar"))));
        assertEquals(2, index.cacheSize());

        TestSub full = TestSub.plain("foo.>");
        index.insert(full);
        assertEquals(2, index.cacheSize(), "the entries were updated, not dropped");
        assertEquals(Set.of(wildcard, literal, full), Set.copyOf(plain(index.match("foo.bar"))));
        assertEquals(Set.of(wildcard, full), Set.copyOf(plain(index.match("foo.baz"))));
    }

    @Test
    void replacesACachedEmptyResultOnInsert() {
        assertTrue(index.match("x.y").isEmpty());
        assertTrue(index.match("x.z").isEmpty());
        TestSub literal = TestSub.plain("x.y");
        index.insert(literal);
        assertEquals(List.of(literal), plain(index.match("x.y")));
        assertTrue(index.match("x.z").isEmpty());
        TestSub queued = TestSub.queue("x.*", "workers");
        index.insert(queued);
        assertEquals(List.of(queued), group(index.match("x.z"), "workers"));
        assertEquals(List.of(queued), group(index.match("x.y"), "workers"));
        TestSub another = TestSub.queue("x.>", "workers");
        index.insert(another);
        assertEquals(Set.of(queued, another), Set.copyOf(group(index.match("x.y"), "workers")));
        assertTrue(index.hasInterest("x.z"));
    }

    @Test
    void dropsOnlyTheEntriesARemovalAffects() {
        TestSub eu = TestSub.plain("orders.eu");
        TestSub us = TestSub.plain("orders.us");
        TestSub any = TestSub.plain("orders.*");
        TestSub other = TestSub.plain("other");
        List.of(eu, us, any, other).forEach(index::insert);
        MatchResult<TestSub> cachedUs = index.match("orders.us");
        MatchResult<TestSub> cachedOther = index.match("other");
        index.match("orders.eu");
        index.remove(eu);
        assertEquals(2, index.cacheSize());
        assertSame(cachedUs, index.match("orders.us"));
        index.remove(any);
        assertEquals(1, index.cacheSize());
        assertSame(cachedOther, index.match("other"));
        assertEquals(List.of(us), plain(index.match("orders.us")));
    }

    @Test
    void clearsTheCacheWhenABatchRemovesWildcards() {
        TestSub literal = TestSub.plain("a");
        TestSub otherLiteral = TestSub.plain("b");
        TestSub wildcard = TestSub.plain("c.*");
        List.of(literal, otherLiteral, wildcard).forEach(index::insert);
        index.match("a");
        index.match("b");
        index.match("c.d");
        index.removeAll(List.of(literal));
        assertEquals(2, index.cacheSize(), "a literal batch drops its own entries only");
        index.removeAll(List.of(wildcard));
        assertEquals(0, index.cacheSize());
        assertEquals(List.of(otherLiteral), plain(index.match("b")));
    }

    @Test
    void rebuildsResultsAfterAWeightChange() {
        TestSub remote = TestSub.weighted("orders.*", "workers", 5);
        TestSub local = TestSub.queue("orders.eu", "workers");
        index.insert(remote);
        index.insert(local);
        MatchResult<TestSub> before = index.match("orders.eu");
        assertEquals(6, before.groupWeight(0));
        remote.setWeight(2);
        index.queueWeightChanged(remote);
        MatchResult<TestSub> after = index.match("orders.eu");
        assertNotSame(before, after);
        assertEquals(3, after.groupWeight(0));
    }

    @Test
    void staysBoundedBySweeping() {
        index.insert(TestSub.plain(">"));
        for (int i = 0; i < 2 * SubjectIndex.DEFAULT_CACHE_CAPACITY; i++) {
            index.match("foo-" + i);
            assertTrue(index.cacheSize() <= SubjectIndex.DEFAULT_CACHE_CAPACITY, "size " + index.cacheSize());
        }
        assertTrue(index.cacheSize() > 0);
        assertEquals(1, plain(index.match("foo-0")).size());
    }

    @Test
    void cachesNothingWhenDisabled() {
        SubjectIndex<TestSub> uncached = new SubjectIndex<>(0);
        uncached.insert(TestSub.plain("foo"));
        uncached.match("foo");
        uncached.match("bar");
        assertEquals(0, uncached.cacheSize());
        assertNotSame(uncached.match("foo"), uncached.match("foo"));
    }

    @Test
    void cachesNothingForSubjectsWithEmptyTokens() {
        index.insert(TestSub.plain(">"));
        index.match("foo..bar");
        index.match(".foo");
        assertEquals(0, index.cacheSize());
    }

    @Test
    void rejectsANegativeCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new SubjectIndex<TestSub>(-1));
    }
}
