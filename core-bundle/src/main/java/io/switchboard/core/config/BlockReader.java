package io.switchboard.core.config;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values of a configuration block with nats-server's strict typing: a mismatch is an
 * error at the value naming the setting.
 */
public final class BlockReader {

    private BlockReader() {
    }

    public static String string(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.STRING).asString();
    }

    public static boolean bool(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.BOOLEAN).asBoolean();
    }

    public static int integer(ConfigTree.Entry entry) {
        long value = expect(entry, ConfigValue.Kind.INTEGER).asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(entry.value().position(), entry.key() + ": " + value + " is out of range");
        }
        return (int) value;
    }

    public static ConfigTree map(ConfigTree.Entry entry) {
        return expect(entry, ConfigValue.Kind.MAP).asTree();
    }

    /** A Go duration string or a whole number of seconds. */
    public static Duration duration(ConfigTree.Entry entry) {
        ConfigValue value = entry.value();
        if (!value.is(ConfigValue.Kind.STRING) && !value.is(ConfigValue.Kind.INTEGER)) {
            throw new ConfigException(value.position(),
                    "error parsing " + entry.key() + ": unsupported type " + value.kind().describe());
        }
        return Durations.parse(value);
    }

    /** Seconds as an integer or a float, as nats-server reads authorization timeouts. */
    public static Duration seconds(ConfigTree.Entry entry) {
        ConfigValue value = entry.value();
        if (!value.is(ConfigValue.Kind.INTEGER) && !value.is(ConfigValue.Kind.FLOAT)) {
            throw value.mismatch(entry.key(), ConfigValue.Kind.FLOAT);
        }
        return Durations.ofSeconds(value.asDouble());
    }

    /** One string or an array of strings. */
    public static List<String> strings(ConfigTree.Entry entry) {
        ConfigValue value = entry.value();
        if (value.is(ConfigValue.Kind.STRING)) {
            return List.of(value.asString());
        }
        List<String> strings = new ArrayList<>();
        for (ConfigValue element : expect(entry, ConfigValue.Kind.ARRAY).asList()) {
            if (!element.is(ConfigValue.Kind.STRING)) {
                throw new ConfigException(element.position(), "error parsing " + entry.key()
                        + ": unsupported type in array " + element.kind().describe());
            }
            strings.add(element.asString());
        }
        return strings;
    }

    public static ConfigException unknownField(ConfigTree.Entry entry) {
        return new ConfigException(entry.keyPosition(), "unknown field \"" + entry.key() + "\"");
    }

    /** Keys nats-server does not know are errors, unless they only serve as {@code $variables}. */
    public static void rejectUnknown(ConfigTree.Entry entry) {
        if (!entry.referencedAsVariable()) {
            throw unknownField(entry);
        }
    }

    private static ConfigValue expect(ConfigTree.Entry entry, ConfigValue.Kind kind) {
        if (!entry.value().is(kind)) {
            throw entry.value().mismatch(entry.key(), kind);
        }
        return entry.value();
    }
}
