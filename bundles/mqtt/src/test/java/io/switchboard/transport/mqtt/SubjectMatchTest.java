package io.switchboard.transport.mqtt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectMatchTest {

    @ParameterizedTest
    @CsvSource({
            "foo, foo, true",
            "foo, bar, false",
            "foo, foo.bar, false",
            "foo.bar, foo, false",
            "foo.*, foo.bar, true",
            "foo.*, foo, false",
            "foo.*, foo.bar.baz, false",
            "foo.>, foo.bar.baz, true",
            "foo.>, foo, false",
            ">, foo, true",
            "*.bar, foo.bar, true",
            "*.bar, foo.baz, false",
            "fo, foo, false",
            "foo, fo, false",
            "/.*, /.x, true",
    })
    void matchesTokenByToken(String filter, String subject, boolean expected) {
        assertThat(SubjectMatch.matches(filter, subject)).isEqualTo(expected);
    }
}
