package io.switchboard.core.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectMappingTest {

    @Test
    void fillsTheTargetsWildcardsWithWhatTheSourcesMatched() {
        assertThat(new SubjectMapping("a.*.>", "b.*.>").map("a.x.y.z")).isEqualTo("b.x.y.z");
        assertThat(new SubjectMapping("news.>", "from_a.news.>").map("news.today")).isEqualTo("from_a.news.today");
        assertThat(new SubjectMapping("ask", "help.desk").map("ask")).isEqualTo("help.desk");
        assertThat(new SubjectMapping("orders.*", "orders.*").map("orders.1")).isEqualTo("orders.1");
    }

    @Test
    void matchesWithTheSourcePattern() {
        SubjectMapping mapping = new SubjectMapping("news.>", "x.>");
        assertThat(mapping.matches("news.a.b")).isTrue();
        assertThat(mapping.matches("weather.a")).isFalse();
    }
}
