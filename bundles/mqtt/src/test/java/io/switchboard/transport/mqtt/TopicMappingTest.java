package io.switchboard.transport.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicMappingTest {

    @ParameterizedTest
    @CsvSource({
            "foo, foo",
            "foo/bar, foo.bar",
            "/foo, /.foo",
            "foo/, foo./",
            "foo//bar, foo./.bar",
            "//foo, /./.foo",
            "foo//, foo././",
            "/, /./",
    })
    void topicsMapToSubjectsAndBack(String topic, String subject) throws Exception {
        assertThat(TopicMapping.publishSubject(topic)).isEqualTo(subject);
        assertThat(TopicMapping.topic(subject)).isEqualTo(topic);
    }

    @ParameterizedTest
    @CsvSource({
            "+, *",
            "#, >",
            "foo/+/bar, foo.*.bar",
            "foo/#, foo.>",
            "+/+, *.*",
            "/+, /.*",
    })
    void filtersMapWildcards(String filter, String subject) throws Exception {
        assertThat(TopicMapping.filterSubject(filter)).isEqualTo(subject);
    }

    @Test
    void topicsWithDotsOrSpacesOrWildcardsAreRefused() {
        assertThatThrownBy(() -> TopicMapping.publishSubject("foo.bar")).isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> TopicMapping.publishSubject("foo bar")).isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> TopicMapping.publishSubject("foo/+")).isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> TopicMapping.publishSubject("")).isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> TopicMapping.filterSubject("foo/#/bar")).isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> TopicMapping.filterSubject("foo+")).isInstanceOf(TopicMapping.TopicException.class);
    }

    @Test
    void multiLevelFilterAlsoListensOnItsParent() throws Exception {
        assertThat(TopicMapping.parentSubject(TopicMapping.filterSubject("foo/#"))).isEqualTo("foo");
        assertThat(TopicMapping.parentSubject(TopicMapping.filterSubject("#"))).isNull();
        assertThat(TopicMapping.parentSubject(TopicMapping.filterSubject("foo/+"))).isNull();
    }
}
