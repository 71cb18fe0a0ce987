package io.switchboard.core.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects the content of a string token. A {@code \xNN} escape adds one raw byte, so the content is
 * kept as UTF-8 bytes and decoded at the end; that way {@code "\xc3\xa9"} reads as "é".
 */
final class TextBuffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean escaped;
    private boolean plainSinceEscape;

    void append(int codePoint) {
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        plainSinceEscape = true;
    }

    void appendEscaped(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        markEscaped();
    }

    void appendEscapedByte(int value) {
        bytes.write(value);
        markEscaped();
    }

    private void markEscaped() {
        escaped = true;
        plainSinceEscape = false;
    }

    /** Whether any escape sequence was read; such a string is never a boolean or a variable. */
    boolean hadEscape() {
        return escaped;
    }

    /** Whether plain characters were read since the start or the last escape sequence. */
    boolean hasPlainSinceEscape() {
        return plainSinceEscape;
    }

    @Override
    public String toString() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
