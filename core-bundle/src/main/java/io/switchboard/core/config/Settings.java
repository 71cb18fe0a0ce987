package io.switchboard.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Reads single settings with nats-server's strict typing: a port must be an integer, a flag a
 * boolean; a mismatch is an error at the value's position naming the setting.
 */
final class Settings {

    private Settings() {
    }

    static String string(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.STRING).asString();
    }

    static boolean bool(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
    }

    static long integer(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.INTEGER).asLong();
    }

    static int toInt(ConfigTree.Entry entry) {
        return toInt(expect(entry, ConfigValue.Kind.INTEGER), entry.key());
    }

    static int toInt(ConfigValue value, String setting) {
        if (!value.is(ConfigValue.Kind.INTEGER)) {
            throw value.mismatch(setting, ConfigValue.Kind.INTEGER);
        }
        long number = value.asLong();
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new ConfigException(value.position(), setting + ": " + number + " is out of range");
        }
        return (int) number;
    }

    /**
     * A Go duration string, or for compatibility a whole number of seconds, which nats-server accepts
     * with a warning that is added to {@code warnings}.
     */
    static Duration duration(ConfigTree.Entry entry, List<String> warnings) {
        ConfigValue value = entry.value();
        if (value.is(ConfigValue.Kind.INTEGER)) {
            warnings.add(value.position() + ": invalid use of field \"" + entry.key() + "\": " + entry.key()
                    + " should be converted to a duration");
            return Duration.ofSeconds(value.asLong());
        }
        return goDuration(entry);
    }

    /** A Go duration string and nothing else. */
    static Duration goDuration(ConfigTree.Entry entry) {
        ConfigValue value = expect(entry, ConfigValue.Kind.STRING);
        try {
            return Durations.parse(value.asString());
        } catch (ConfigException e) {
            throw new ConfigException(value.position(), "error parsing " + entry.key() + ": " + e.reason());
        }
    }

    static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
        if (!entry.value().is(kind)) {
            throw entry.value().mismatch(entry.key(), kind);
        }
        return entry.value();
    }

    static ConfigException unknownField(ConfigTree.Entry entry) {
        return new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
    }
}
