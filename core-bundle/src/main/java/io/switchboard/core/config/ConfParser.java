package io.switchboard.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads the nats-server configuration format into a {@link ConfigTree}. The syntax and values are
 * those of nats-server 2.9: maps, arrays, the three key separators, comments, quoted and bare strings,
 * integers with size units, floats, booleans, datetimes, {@code include} and {@code $variable}
 * references to earlier keys or to environment variables.
 */
public final class ConfParser {

    private final Function<String, String> environment;

    /** A parser that resolves variables it cannot find in the file from the process environment. */
    public ConfParser() {
        this(System::getenv);
    }

    /** A parser that resolves variables it cannot find in the file from the given map. */
    public ConfParser(Map<String, String> environment) {
        this(Map.copyOf(environment)::get);
    }

    private ConfParser(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads a file; its includes are relative to its directory. */
    public ConfigTree parseFile(Path file) {
        return new ParseContext(environment).parseFile(file);
    }

    /**
     * Reads a text held in memory. {@code sourceName} appears in positions and messages; includes are
     * relative to the working directory.
     */
    public ConfigTree parse(String text, String sourceName) {
        return new ParseContext(environment).parseText(text, sourceName, Path.of("."));
    }
}
