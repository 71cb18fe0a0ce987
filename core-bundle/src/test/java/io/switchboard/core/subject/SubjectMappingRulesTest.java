package io.switchboard.core.subject;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectMappingRulesTest {

    private static SubjectMappingRules.Weighted to(String subject, int weight) {
        return new SubjectMappingRules.Weighted(subject, weight, "");
    }

    private static SubjectMappingRules rules(Map<String, List<SubjectMappingRules.Weighted>> mappings) {
        return SubjectMappingRules.of(mappings, () -> null);
    }

    @Test
    void anUnmappedSubjectStaysTheSameString() {
        SubjectMappingRules sut = rules(Map.of("foo", List.of(to("bar", 100))));
        String subject = "other.subject";
        assertThat(sut.map(subject)).isSameAs(subject);
        assertThat(sut.map("foo")).isEqualTo("bar");
    }

    @Test
    void theFirstMatchingMappingWins() {
        Map<String, List<SubjectMappingRules.Weighted>> mappings = new LinkedHashMap<>();
        mappings.put("a.*", List.of(to("first.$1", 100)));
        mappings.put("a.>", List.of(to("second.>", 100)));
        SubjectMappingRules sut = rules(mappings);
        assertThat(sut.map("a.b")).isEqualTo("first.b");
        assertThat(sut.map("a.b.c")).isEqualTo("second.b.c");
    }

    @Test
    void weightsSplitTheTrafficAndTheRestKeepsItsSubject() {
        SubjectMappingRules sut = rules(Map.of("foo.*", List.of(to("a.$1", 20), to("b.$1", 30))));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(sut.map("foo.x"), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a.x", "b.x", "foo.x");
        assertThat(counts.get("a.x")).isBetween(1500, 2500);
        assertThat(counts.get("b.x")).isBetween(2500, 3500);
        assertThat(counts.get("foo.x")).isBetween(4500, 5500);
    }

    @Test
    void theSourceAmongTheDestinationsDropsTheRest() {
        SubjectMappingRules sut = rules(Map.of("foo", List.of(to("foo", 50))));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4_000; i++) {
            counts.merge(String.valueOf(sut.map("foo")), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("foo", "null");
        assertThat(counts.get("null")).isBetween(1500, 2500);
    }

    @Test
    void clusterDestinationsReplaceTheOthersInThatCluster() {
        // as in nats-server, the weights of all destinations, of every cluster, add up to 100 at most
        AtomicReference<String> cluster = new AtomicReference<>();
        SubjectMappingRules sut = SubjectMappingRules.of(Map.of("foo", List.of(to("everywhere", 40),
                new SubjectMappingRules.Weighted("in.east", 60, "east"))), cluster::get);
        assertThat(picks(sut)).containsOnlyKeys("everywhere", "foo");
        cluster.set("east");
        assertThat(picks(sut)).containsOnlyKeys("in.east", "foo");
        cluster.set("west");
        assertThat(picks(sut)).containsOnlyKeys("everywhere", "foo");
    }

    private static Map<String, Integer> picks(SubjectMappingRules sut) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            counts.merge(sut.map("foo"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void refusesWeightsAndDuplicatesAsNatsServerDoes() {
        assertThatThrownBy(() -> SubjectMappingRules.check("foo", List.of(to("a", 60), to("b", 50))))
                .hasMessage("total weight needs to be <= 100");
        assertThatThrownBy(() -> SubjectMappingRules.check("foo", List.of(to("a", 10), to("a", 20))))
                .hasMessage("duplicate entry for \"a\"");
        assertThatThrownBy(() -> SubjectMappingRules.check("foo", List.of(to("a", 101))))
                .hasMessage("individual weights need to be <= 100");
        assertThatThrownBy(() -> SubjectMappingRules.check("foo..", List.of(to("a", 100))))
                .hasMessage("invalid subject");
    }
}
