package io.switchboard.core.subject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values are nats-server 2.9.10's, from its tests and from publishing through it. */
class SubjectTransformTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo | bar | foo | bar",
            "foo.*.bar.*.baz | req.$2.$1 | foo.A.bar.B.baz | req.B.A",
            "baz.> | my.pre.> | baz.1.2.3 | my.pre.1.2.3",
            "baz.> | foo.bar.> | baz.1.2.3 | foo.bar.1.2.3",
            "* | foo.bar.$1 | foo | foo.bar.foo",
            "* | {{splitfromleft(1,3)}} | 12345 | 123.45",
            "* | {{SplitFromRight(1,3)}} | 12345 | 12.345",
            "* | {{SliceFromLeft(1,3)}} | 1234567890 | 123.456.789.0",
            "* | {{SliceFromRight(1,3)}} | 1234567890 | 1.234.567.890",
            "* | {{split(1,-)}} | -abc-def--ghi- | abc.def.ghi",
            "* | {{split(1,-)}} | abc-def--ghi- | abc.def.ghi",
            "*.* | {{split(2,-)}}.{{splitfromleft(1,2)}} | foo.-abc-def--ghij- | abc.def.ghij.fo.o",
            "l.* | L.{{SliceFromLeft(1,3)}} | l.1234567 | L.123.456.7",
            "r.* | R.{{SliceFromRight(1,3)}} | r.1234567 | R.1.234.567",
            "w.*.> | W.{{wildcard(1)}}.> | w.x.y.z | W.x.y.z",
            "p.*.* | P.{{partition(10,1,2)}}.$1.$2 | p.a.b | P.6.a.b",
            "p.*.* | P.{{partition(10,1,2)}}.$1.$2 | p.foo.bar | P.0.foo.bar",
            "q.* | Q.{{ Partition (7, 1) }} | q.a | Q.5",
            "q.* | Q.{{partition(7,1)}} | q.hello | Q.2",
            "q.* | Q.{{partition(7,1)}} | q.12345 | Q.4",
            "* | {{splitFromLeft(1,9)}} | short | short",
            "* | {{sliceFromLeft(1,0)}} | short | short",
    })
    void mapsAsNatsServerDoes(String source, String destination, String subject, String expected) {
        assertThat(SubjectTransform.compile(source, destination).apply(subject)).isEqualTo(expected);
    }

    @Test
    void partitionsHashTheBytesOfTheSubject() {
        // a subject's bytes arrive as ISO-8859-1 characters; nats-server mapped the byte 0xE9 to partition 0
        assertThat(SubjectTransform.compile("q.*", "Q.{{partition(7,1)}}").apply("q.\u00e9")).isEqualTo("Q.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo.*.* | bar.$2 | invalid mapping destination: not using all of the token wildcard(s) in bar.$2",
            "foo.* | bar.* | invalid subject",
            "foo.* | bar.$2 | invalid mapping destination: wildcard index out of range in $2: [2]",
            "foo.* | bar.$1.> | invalid subject",
            "foo.> | bar.baz | invalid subject",
            "foo.. | bar | invalid subject",
            "foo.* | foo.$foo | invalid mapping destination: not using all of the token wildcard(s) in foo.$foo",
            "foo.* | foo.{{wildcard(2)}} | invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]",
            "foo.* | foo.{{unimplemented(1)}} | invalid mapping destination: unknown function in {{unimplemented(1)}}",
            "foo.* | foo.{{partition(10)}} | invalid mapping destination: not enough arguments passed to the function in {{partition(10)}}",
            "foo.* | foo.{{wildcard(foo)}} | invalid mapping destination: function argument is invalid or in the wrong format in {{wildcard(foo)}}",
            "foo.* | foo.{{wildcard()}} | invalid mapping destination: not enough arguments passed to the function in {{wildcard()}}",
            "foo.* | foo.{{wildcard(1,2)}} | invalid mapping destination: too many arguments passed to the function in {{wildcard(1,2)}}",
            "foo.* | foo.{{ wildcard5) }} | invalid mapping destination: unknown function in {{ wildcard5) }}",
            "foo.* | foo.{{splitLeft(2,2}} | invalid mapping destination: unknown function in {{splitLeft(2,2}}",
            "foo.* | foo.{{split(1,a b)}} | invalid mapping destination: function argument is invalid or in the wrong format in {{split(1,a b)}}",
    })
    void refusesWhatNatsServerRefuses(String source, String destination, String error) {
        assertThatThrownBy(() -> SubjectTransform.compile(source, destination))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(error);
    }

    @Test
    void aSourceWithoutWildcardsMapsToItsDestinationAsWritten() {
        SubjectTransform fixed = SubjectTransform.compile("foo", "bar.baz");
        assertThat(fixed.isFixed()).isTrue();
        assertThat(fixed.apply("foo")).isSameAs(fixed.destination());
    }

    @Test
    void theDestinationAloneIsCheckedFirst() {
        assertThatThrownBy(() -> SubjectTransform.validateDestination("foo.{{nope(1)}}"))
                .hasMessage("invalid mapping destination: unknown function in {{nope(1)}}");
        assertThatThrownBy(() -> SubjectTransform.validateDestination("foo..bar"))
                .hasMessage("invalid mapping destination: invalid subject in ");
        SubjectTransform.validateDestination("foo.{{partition(2,1)}}");
    }

    @Test
    void theIdentityDestinationNumbersTheWildcards() {
        assertThat(SubjectTransform.identityDestination("foo.*.*.>")).isEqualTo("foo.$1.$2.>");
    }
}
