package io.switchboard.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A map still being read; it is also a scope in which {@code $name} references are resolved. */
final class MapBuilder {

    private final Position position;
    private final Map<String, ConfigTree.Entry> entries = new LinkedHashMap<>();

    MapBuilder(Position position) {
        this.position = position;
    }

    void put(String key, Position keyPosition, ConfigValue value) {
        entries.put(key, new ConfigTree.Entry(key, keyPosition, value, false));
    }

    void put(ConfigTree.Entry entry) {
        entries.put(entry.key(), entry);
    }

    /** Reads a key for a variable reference and remembers that it was referenced. */
    Optional<ConfigValue> reference(String key) {
        ConfigTree.Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        entries.put(key, new ConfigTree.Entry(key, entry.keyPosition(), entry.value(), true));
        return Optional.of(entry.value());
    }

    ConfigTree build() {
        return new ConfigTree(position, entries);
    }
}
