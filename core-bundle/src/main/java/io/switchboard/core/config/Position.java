package io.switchboard.core.config;

import java.util.Objects;

/**
 * Where something was read: a file (or the name given to an in-memory text), a 1-based line and a
 * 1-based column counted in characters.
 */
public record Position(String file, int line, int column) {

    public Position {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
