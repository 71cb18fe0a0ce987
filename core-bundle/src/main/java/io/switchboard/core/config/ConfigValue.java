package io.switchboard.core.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One value of a configuration file with the place it was written. Values are immutable; equality
 * compares content and ignores positions.
 */
public final class ConfigValue {

    /** The types the configuration format can express. */
    public enum Kind {
        STRING("a string"),
        INTEGER("an integer"),
        FLOAT("a float"),
        BOOLEAN("a boolean"),
        DATETIME("a datetime"),
        ARRAY("an array"),
        MAP("a map");

        private final String article;

        Kind(String article) {
            this.article = article;
        }

        /** The kind with its indefinite article, for messages: "an integer". */
        public String describe() {
            return article;
        }
    }

    private final Kind kind;
    private final Object value;
    private final Position position;

    private ConfigValue(Kind kind, Object value, Position position) {
        this.kind = kind;
        this.value = Objects.requireNonNull(value, "value");
        this.position = Objects.requireNonNull(position, "position");
    }

    public static ConfigValue ofString(String value, Position position) {
        return new ConfigValue(Kind.STRING, value, position);
    }

    public static ConfigValue ofInteger(long value, Position position) {
        return new ConfigValue(Kind.INTEGER, value, position);
    }

    public static ConfigValue ofFloat(double value, Position position) {
        return new ConfigValue(Kind.FLOAT, value, position);
    }

    public static ConfigValue ofBoolean(boolean value, Position position) {
        return new ConfigValue(Kind.BOOLEAN, value, position);
    }

    public static ConfigValue ofDateTime(Instant value, Position position) {
        return new ConfigValue(Kind.DATETIME, value, position);
    }

    public static ConfigValue ofArray(List<ConfigValue> values, Position position) {
        return new ConfigValue(Kind.ARRAY, List.copyOf(values), position);
    }

    public static ConfigValue ofMap(ConfigTree tree) {
        return new ConfigValue(Kind.MAP, tree, tree.position());
    }

    public Kind kind() {
        return kind;
    }

    public boolean is(Kind expected) {
        return kind == expected;
    }

    public Position position() {
        return position;
    }

    /** The same content, reported at another place (a variable reference reports where it is used). */
    public ConfigValue at(Position where) {
        return new ConfigValue(kind, value, where);
    }

    public String asString() {
        return (String) expect(Kind.STRING);
    }

    public long asLong() {
        return (Long) expect(Kind.INTEGER);
    }

    /** Integers are accepted too, as nats-server does for fractional-second settings. */
    public double asDouble() {
        if (kind == Kind.INTEGER) {
            return (Long) value;
        }
        return (Double) expect(Kind.FLOAT);
    }

    public boolean asBoolean() {
        return (Boolean) expect(Kind.BOOLEAN);
    }

    public Instant asDateTime() {
        return (Instant) expect(Kind.DATETIME);
    }

    @SuppressWarnings("unchecked")
    public List<ConfigValue> asList() {
        return (List<ConfigValue>) expect(Kind.ARRAY);
    }

    public ConfigTree asTree() {
        return (ConfigTree) expect(Kind.MAP);
    }

    /**
     * Plain Java form: String, Long, Double, Boolean, Instant, List of those, or an insertion-ordered
     * Map for maps.
     */
    public Object toJava() {
        return switch (kind) {
            case ARRAY -> {
                List<Object> plain = new ArrayList<>();
                for (ConfigValue element : asList()) {
                    plain.add(element.toJava());
                }
                yield plain;
            }
            case MAP -> asTree().toJava();
            default -> value;
        };
    }

    /** A short description for messages, such as {@code string "abc"} or {@code a map}. */
    public String describe() {
        return switch (kind) {
            case STRING -> "string \"" + value + "\"";
            case INTEGER, FLOAT, BOOLEAN, DATETIME -> kind.name().toLowerCase(Locale.ROOT) + " " + value;
            case ARRAY, MAP -> kind.describe();
        };
    }

    /** The error to raise when this value does not have the kind a setting needs. */
    public ConfigException mismatch(String setting, Kind expected) {
        return new ConfigException(position,
                setting + ": expected " + expected.describe() + " but got " + describe());
    }

    private Object expect(Kind expected) {
        if (kind != expected) {
            throw new ConfigException(position, "expected " + expected.describe() + " but got " + describe());
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigValue that && kind == that.kind && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value);
    }

    @Override
    public String toString() {
        return describe() + " at " + position;
    }
}
