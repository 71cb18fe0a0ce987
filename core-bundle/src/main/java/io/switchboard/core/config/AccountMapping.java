package io.switchboard.core.config;

import java.util.List;

/**
 * A subject mapping of {@code account} (the global account for the top-level {@code mappings}):
 * what is published on {@code source} goes to one of the destinations, picked by weight.
 */
public record AccountMapping(String account, String source, List<Destination> destinations, Position position) {

    public AccountMapping {
        destinations = List.copyOf(destinations);
    }

    /**
     * One destination with its weight in percent; {@code cluster}, when not empty, limits it to the
     * servers of that cluster.
     */
    public record Destination(String subject, int weight, String cluster) {
    }
}
