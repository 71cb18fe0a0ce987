package io.switchboard.core.config;

/** Reads a text one code point at a time and knows the line and column of the next one. */
final class SourceCursor {

    static final int EOF = -1;

    private final String file;
    private final int[] text;
    private int index;
    private int line = 1;
    private int column = 1;

    SourceCursor(String file, String content) {
        this.file = file;
        this.text = content.codePoints().toArray();
    }

    int peek() {
        return peek(0);
    }

    int peek(int ahead) {
        int at = index + ahead;
        return at < text.length ? text[at] : EOF;
    }

    int next() {
        if (index >= text.length) {
            return EOF;
        }
        int c = text[index++];
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    /** The position of the next code point. */
    Position position() {
        return new Position(file, line, column);
    }

    ConfigException error(String reason) {
        return new ConfigException(position(), reason);
    }

    ConfigException errorAt(Position where, String reason) {
        return new ConfigException(where, reason);
    }

    /** Shows a code point in a message, making line breaks and the end of input visible. */
    static String show(int c) {
        return switch (c) {
            case EOF -> "end of file";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            default -> "'" + new String(Character.toChars(c)) + "'";
        };
    }
}
