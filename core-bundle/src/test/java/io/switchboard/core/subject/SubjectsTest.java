package io.switchboard.core.subject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "foo", "foo.bar.*", "foo.bar.>", "*", ">", "*.>", "foo.*.bar",
        // Wildcard characters inside a longer token are literal characters.
        "foo*", "foo**", "foo.**", "foo*bar", "foo.*bar", "foo*.bar", "*bar",
        "foo>", "foo.>>", "foo>bar", "foo.>bar", "foo>.bar", ">bar", "foo.>-", "foo.*-",
    })
    void acceptsValidSubjects(String subject) {
        assertTrue(Subjects.isValidSubject(subject), subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ".", ".foo", "foo.", "foo..bar", "foo.bar..baz", ">.bar", "foo.>.bar", "foo.>.*", ">.>",
        "foo bar", "foo.\tbar", "foo\n", "\r", "foo.\f", " ",
    })
    void rejectsInvalidSubjects(String subject) {
        assertFalse(Subjects.isValidSubject(subject), subject);
    }

    @Test
    void rejectsNullSubject() {
        assertFalse(Subjects.isValidSubject(null));
        assertFalse(Subjects.isValidPublishSubject(null));
    }

    @ParameterizedTest
    @CsvSource({
        "foo, true", "foo.bar, true", "foo*.bar, true", "foo.>>, true", ">bar, true",
        "*, false", ">, false", "foo.*, false", "foo.>, false", "foo.*.>, false",
        "foo.*.bar, false", "foo.bar.>, false", "*.foo, false",
    })
    void tellsLiteralSubjects(String subject, boolean literal) {
        assertEquals(literal, Subjects.isLiteral(subject), subject);
    }

    @ParameterizedTest
    @CsvSource({
        "foo, true", "foo*, true", "foo.**, true", "foo.>bar, true", ">bar, true",
        ".foo, false", "foo., false", "foo..bar, false", "foo.bar.*, false", "foo.bar.>, false",
        "*, false", ">, false", "'foo bar', false",
    })
    void validatesPublishSubjects(String subject, boolean valid) {
        assertEquals(valid, Subjects.isValidPublishSubject(subject), subject);
    }

    @Test
    void validatesQueueNames() {
        assertTrue(Subjects.isValidQueueName("workers"));
        assertTrue(Subjects.isValidQueueName("workers.eu-1"));
        assertTrue(Subjects.isValidQueueName("*"));
        assertFalse(Subjects.isValidQueueName(null));
        assertFalse(Subjects.isValidQueueName(""));
        assertFalse(Subjects.isValidQueueName("two words"));
        assertFalse(Subjects.isValidQueueName("tab\tbed"));
        assertFalse(Subjects.isValidQueueName("line\n"));
    }

    @ParameterizedTest
    @CsvSource({
        "foo, foo, true",
        "bar, foo, false",
        "*, foo, true",
        ">, foo, true",
        ">, foo.bar, true",
        "foo.>, foo.bar, true",
        "bar.>, foo.bar, false",
        "stats.>, stats.test.22, true",
        "stats.*.*, stats.test.22, true",
        "foo, foo.bar, false",
        "stats.test.foos, stats.test.foos, true",
        "stats.test.foo, stats.test.foos, false",
        "stats.test.*, stats.test, false",
        "stats.*, stats.test.foos, false",
        "stats.*.*.foos, stats.test.foos, false",
        "foo.>, foo, false",
        "*, foo.bar, false",
        "*.*, foo, false",
        "a.*.c, a.b.c, true",
        "a.*.c, a.b.d, false",
        // Not wildcards: the characters are part of longer tokens.
        "*bar, *bar, true",
        "foo*, foo*, true",
        "foo*bar, foo*bar, true",
        "foo.***.bar, foo.***.bar, true",
        ">bar, >bar, true",
        "foo>, foo>, true",
        "foo>bar, foo>bar, true",
        "foo.>>>.bar, foo.>>>.bar, true",
        "foo*, fooX, false",
        // Wildcards in the published subject are literal tokens, only reached by wildcards.
        "foo.*, foo.>, true",
        "foo.>, foo.*, true",
        "foo.bar, foo.*, false",
    })
    void matchesSubjectsAgainstPatterns(String pattern, String subject, boolean matches) {
        assertEquals(matches, Subjects.subjectMatches(pattern, subject), pattern + " vs " + subject);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.bar, foo.bar, true",
        "foo.*, >, true",
        "foo.*, *.*, true",
        "foo.*, foo.*, true",
        "foo.*, foo.bar, false",
        "foo.>, >, true",
        "foo.>, *.>, true",
        "foo.>, foo.>, true",
        "foo.>, foo.bar, false",
        "foo.>, foo.*, false",
        "foo.bar, foo.*, true",
        "foo.bar.baz, foo.*, false",
        "foo..bar, foo.*, false",
        "foo.*, foo..bar, false",
    })
    void tellsSubsetMatches(String subject, String test, boolean subset) {
        assertEquals(subset, Subjects.isSubsetMatch(subject, test), subject + " within " + test);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.*, foo.*.bar.>, false",
        "foo.*.bar.>, foo.*, false",
        "foo.*, foo.foo, true",
        "foo.*, *.foo, true",
        "foo.bar.>, *.bar.foo, true",
        "foo.bar, foo.bar, true",
        "foo.bar, foo.baz, false",
        "foo.>, bar.*, false",
        "foo.>, *.bar.*, true",
        "a.*, a.*.>, false",
        "a.>, a.*.>, true",
        "*.b, a.*, true",
        "*.b, a.*.c, false",
    })
    void tellsCollidingSubjects(String first, String second, boolean collide) {
        assertEquals(collide, Subjects.subjectsCollide(first, second), first + " and " + second);
    }

    @Test
    void countsAndReadsTokens() {
        assertEquals(0, Subjects.numTokens(""));
        assertEquals(1, Subjects.numTokens("foo"));
        assertEquals(4, Subjects.numTokens("foo.bar.baz.*"));
        assertEquals("foo", Subjects.tokenAt("foo.bar.baz.*", 0));
        assertEquals("bar", Subjects.tokenAt("foo.bar.baz.*", 1));
        assertEquals("baz", Subjects.tokenAt("foo.bar.baz.*", 2));
        assertEquals("*", Subjects.tokenAt("foo.bar.baz.*", 3));
        assertNull(Subjects.tokenAt("foo.bar.baz.*", 4));
        assertNull(Subjects.tokenAt("foo.bar.baz.*", -1));
        assertNull(Subjects.tokenAt("", 0));
    }

    @Test
    void tokenizesOnlySubjectsWithoutEmptyTokens() {
        assertArrayEquals(new String[] {"foo", "bar", ">"}, Subjects.tokenize("foo.bar.>"));
        assertArrayEquals(new String[] {"foo"}, Subjects.tokenize("foo"));
        for (String subject : new String[] {"", ".", ".foo", "foo.", "foo..bar", "foo...bar"}) {
            assertNull(Subjects.tokenize(subject), subject);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "orders.eu.*, orders.eu.", "orders.>, orders.", "*.eu, ''", ">, ''", "a.*.c.>, a.", "a.b*.*, a.b*.",
    })
    void findsTheLiteralPrefixOfPatterns(String pattern, String prefix) {
        assertEquals(prefix, Subjects.literalPrefix(pattern));
    }

    @Test
    void recognisesWildcardTokens() {
        assertTrue(Subjects.isPartialWildcard("*"));
        assertFalse(Subjects.isPartialWildcard("**"));
        assertFalse(Subjects.isPartialWildcard(">"));
        assertTrue(Subjects.isFullWildcard(">"));
        assertFalse(Subjects.isFullWildcard(">>"));
        assertFalse(Subjects.isFullWildcard("*"));
    }

    @ParameterizedTest
    @CsvSource({
            "from_a.>, *.news.x, from_a.news.x",
            "from_a.news.>, from_a.news.>, from_a.news.>",
            ">, a.*.c, a.*.c",
            "a.*, a.>, a.*",
            "a.b, a.c, ",
            "a.b, a.b.c, ",
            "a.*.c, a.b.*, a.b.c"
    })
    void theOverlapOfTwoPatternsIsWhatBothMatch(String first, String second, String overlap) {
        assertEquals(overlap, Subjects.overlap(first, second));
        assertEquals(overlap, Subjects.overlap(second, first));
    }
}
