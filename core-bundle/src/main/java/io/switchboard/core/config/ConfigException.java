package io.switchboard.core.config;

import java.util.Optional;

/**
 * A configuration that cannot be used. The message is always a single line; when the problem has a
 * place in a file it reads {@code <file>:<line>:<col>: <reason>}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String reason;

    public ConfigException(Position position, String reason) {
        super(position + ": " + oneLine(reason));
        this.position = position;
        this.reason = oneLine(reason);
    }

    public ConfigException(String reason) {
        super(oneLine(reason));
        this.position = null;
        this.reason = oneLine(reason);
    }

    public ConfigException(String reason, Throwable cause) {
        super(oneLine(reason), cause);
        this.position = null;
        this.reason = oneLine(reason);
    }

    /** The place of the problem, absent for problems such as a bad command-line flag. */
    public Optional<Position> position() {
        return Optional.ofNullable(position);
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }

    // Callers print these messages as log lines and tests compare them whole.
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
