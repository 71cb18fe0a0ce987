package io.switchboard.core.subject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * An account's subject mappings, as nats-server 2.9 applies them to what its clients and leaf
 * nodes publish: the first mapping whose source matches the subject picks one of its destinations
 * at random by weight. Weights under 100 in total leave the rest of the traffic on the original
 * subject, unless the original subject is one of the destinations: then the rest is dropped.
 * Destinations for a named cluster replace the others on the servers of that cluster.
 */
public final class SubjectMappingRules {

    /** One destination as configured: a mapping destination, its weight in percent, its cluster or "". */
    public record Weighted(String subject, int weight, String cluster) {
    }

    /** A destination and the upper end (exclusive) of the random percentages that pick it. */
    private record Choice(SubjectTransform transform, int upTo) {
    }

    private record Rule(String source, String[] sourceTokens, boolean literal, Choice[] choices,
                        Map<String, Choice[]> byCluster) {
    }

    private final Rule[] rules;
    private final Supplier<String> cluster;

    private SubjectMappingRules(Rule[] rules, Supplier<String> cluster) {
        this.rules = rules;
        this.cluster = cluster;
    }

    /**
     * Checks one mapping as nats-server does when it adds it.
     *
     * @throws IllegalArgumentException with nats-server's text when the mapping cannot be used
     */
    public static void check(String source, List<Weighted> destinations) {
        rule(source, destinations);
    }

    /**
     * Compiles mappings in order; a later mapping of the same source replaces an earlier one.
     * {@code cluster} tells the name of this server's cluster (null when it has none) when a
     * mapping has destinations for a cluster.
     */
    public static SubjectMappingRules of(Map<String, List<Weighted>> mappings, Supplier<String> cluster) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        mappings.forEach((source, destinations) -> rules.put(source, rule(source, destinations)));
        return new SubjectMappingRules(rules.values().toArray(Rule[]::new), cluster);
    }

    /** The source subjects, in order. */
    public List<String> sources() {
        return Arrays.stream(rules).map(Rule::source).toList();
    }

    /**
     * Maps a published subject: the same String when no mapping matches, the picked destination
     * when one does, or null when the mapping drops the message.
     */
    public String map(String subject) {
        String[] tokens = null;
        for (Rule rule : rules) {
            boolean matches;
            if (rule.literal()) {
                matches = rule.source().equals(subject);
            } else {
                if (tokens == null) {
                    tokens = subject.split("\\.", -1);
                }
                matches = Subjects.isSubsetMatch(tokens, rule.sourceTokens());
            }
            if (matches) {
                SubjectTransform picked = pick(rule);
                if (picked == null) {
                    return null;
                }
                return picked.isFixed() ? picked.destination() : picked.apply(tokens);
            }
        }
        return subject;
    }

    private SubjectTransform pick(Rule rule) {
        Choice[] choices = rule.choices();
        if (!rule.byCluster().isEmpty()) {
            String name = cluster.get();
            choices = name == null ? choices : rule.byCluster().getOrDefault(name, choices);
        }
        if (choices.length == 1 && choices[0].upTo() == 100) {
            return choices[0].transform();
        }
        int roll = ThreadLocalRandom.current().nextInt(100);
        for (Choice choice : choices) {
            if (roll < choice.upTo()) {
                return choice.transform();
            }
        }
        return null;
    }

    private static Rule rule(String source, List<Weighted> destinations) {
        if (!Subjects.isValidSubject(source)) {
            throw new IllegalArgumentException("invalid subject");
        }
        Set<String> seen = new HashSet<>();
        List<Choice> plain = new ArrayList<>();
        Map<String, List<Choice>> byCluster = new HashMap<>();
        int total = 0;
        for (Weighted destination : destinations) {
            if (!seen.add(destination.subject())) {
                throw new IllegalArgumentException("duplicate entry for \"" + destination.subject() + "\"");
            }
            if (destination.weight() > 100) {
                throw new IllegalArgumentException("individual weights need to be <= 100");
            }
            total += destination.weight();
            if (total > 100) {
                throw new IllegalArgumentException("total weight needs to be <= 100");
            }
            SubjectTransform.validateDestination(destination.subject());
            Choice choice = new Choice(SubjectTransform.compile(source, destination.subject()), destination.weight());
            if (destination.cluster().isEmpty()) {
                plain.add(choice);
            } else {
                byCluster.computeIfAbsent(destination.cluster(), c -> new ArrayList<>()).add(choice);
            }
        }
        boolean keepsRest = !seen.contains(source);
        Map<String, Choice[]> clusters = new HashMap<>();
        byCluster.forEach((cluster, choices) -> clusters.put(cluster, cumulative(source, choices, keepsRest)));
        return new Rule(source, source.split("\\.", -1), Subjects.isLiteral(source),
                cumulative(source, plain, keepsRest), Map.copyOf(clusters));
    }

    /**
     * The choices ordered by weight with their weights summed up, and the original subject taking
     * what the weights leave of 100 when {@code keepsRest}.
     */
    private static Choice[] cumulative(String source, List<Choice> choices, boolean keepsRest) {
        List<Choice> all = new ArrayList<>(choices);
        int total = all.stream().mapToInt(Choice::upTo).sum();
        if (total != 100 && keepsRest) {
            String identity = Subjects.isLiteral(source) ? source : SubjectTransform.identityDestination(source);
            all.add(new Choice(SubjectTransform.compile(source, identity), all.isEmpty() ? 100 : 100 - total));
        }
        all.sort(Comparator.comparingInt(Choice::upTo));
        Choice[] summed = new Choice[all.size()];
        int upTo = 0;
        for (int i = 0; i < summed.length; i++) {
            upTo += all.get(i).upTo();
            summed[i] = new Choice(all.get(i).transform(), upTo);
        }
        return summed;
    }
}
