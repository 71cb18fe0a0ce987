package io.switchboard.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A map of the configuration format: the whole file, or a {@code { ... }} block. Keys keep the order
 * in which they were first written; a key written twice keeps its last value, as in nats-server.
 * Immutable; equality compares content and ignores positions.
 */
public final class ConfigTree {

    /**
     * One key of a map.
     *
     * @param referencedAsVariable whether a later {@code $key} reference read this value; nats-server
     *     does not report such keys as unknown fields, since they only exist to be referenced
     */
    public record Entry(String key, Position keyPosition, ConfigValue value, boolean referencedAsVariable) {
    }

    private final Position position;
    private final Map<String, Entry> entries;

    ConfigTree(Position position, Map<String, Entry> entries) {
        this.position = position;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A tree with no keys, as used when no configuration file is given. */
    public static ConfigTree empty(Position position) {
        return new ConfigTree(position, Map.of());
    }

    /** Where the map starts: its opening brace, or the start of the file. */
    public Position position() {
        return position;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The value of a key, matched exactly. */
    public Optional<ConfigValue> get(String key) {
        return entry(key).map(Entry::value);
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * The entry for the first of several spellings of a setting, ignoring case, as nats-server reads most
     * blocks (for example {@code "leafnodes", "leaf"}). When the file holds more than one matching key,
     * the one written last wins.
     */
    public Optional<Entry> lookup(String... names) {
        Entry found = null;
        for (Entry candidate : entries.values()) {
            String key = candidate.key().toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (key.equals(name.toLowerCase(Locale.ROOT))) {
                    found = candidate;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The map under a key (matched exactly), or an error at the value if it is not a map. */
    public Optional<ConfigTree> block(String key) {
        return get(key).map(value -> {
            if (!value.is(ConfigValue.Kind.MAP)) {
                throw value.mismatch(key, ConfigValue.Kind.MAP);
            }
            return value.asTree();
        });
    }

    /** Plain Java form, see {@link ConfigValue#toJava()}. */
    public Map<String, Object> toJava() {
        Map<String, Object> plain = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            plain.put(entry.key(), entry.value().toJava());
        }
        return plain;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ConfigTree that) || !entries.keySet().equals(that.entries.keySet())) {
            return false;
        }
        for (Entry entry : entries.values()) {
            if (!entry.value().equals(that.entries.get(entry.key()).value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // Order-independent, like equals.
        int hash = 0;
        for (Entry entry : entries.values()) {
            hash += entry.key().hashCode() ^ entry.value().hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return toJava().toString();
    }
}
