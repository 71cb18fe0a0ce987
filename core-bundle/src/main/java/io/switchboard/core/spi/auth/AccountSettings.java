package io.switchboard.core.spi.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an authenticator knows about the account it admits a client into, as a NATS account JWT
 * says it: its subject mappings, each source subject with its weighted destinations, in order.
 * {@link #NONE} leaves the account as the server has it.
 *
 * @since 1.3
 */
public record AccountSettings(Map<String, List<MappingDestination>> mappings) {

    /** Nothing to say about the account. */
    public static final AccountSettings NONE = new AccountSettings(Map.of());

    public AccountSettings {
        Map<String, List<MappingDestination>> copy = new LinkedHashMap<>();
        mappings.forEach((source, destinations) -> copy.put(source, List.copyOf(destinations)));
        mappings = Collections.unmodifiableMap(copy);
    }

    /**
     * One destination of a mapping: a subject (with nats-server's {@code $1} and {@code {{...}}}
     * placeholders), its weight in percent, and the cluster it is limited to, or "" for any.
     */
    public record MappingDestination(String subject, int weight, String cluster) {
    }
}
