package io.switchboard.core.config;

/** Character classes of the nats configuration format, which follows Go's definitions. */
final class Chars {

    private Chars() {
    }

    /** Go's unicode.IsSpace: the Latin-1 spaces plus Unicode's White_Space characters. */
    static boolean isSpace(int c) {
        if (c == SourceCursor.EOF) {
            return false;
        }
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return Character.isSpaceChar(c);
    }

    /** Blanks within a line. */
    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isNewline(int c) {
        return c == '\n' || c == '\r';
    }

    /** Go's unicode.IsDigit, which accepts every decimal digit of Unicode. */
    static boolean isDigit(int c) {
        return c != SourceCursor.EOF && Character.isDigit(c);
    }

    static boolean isKeySeparator(int c) {
        return c == '=' || c == ':';
    }

    /** The first letter of a size unit: kilo, mega, giga, tera, peta, exa. */
    static boolean isSizeUnit(int c) {
        return "kKmMgGtTpPeE".indexOf(c) >= 0;
    }

    /** The letters that may follow a size unit: 1kb, 1KiB. */
    static boolean isSizeUnitTail(int c) {
        return c == 'b' || c == 'B' || c == 'i' || c == 'I';
    }

    /** Where an integer ends; note that ']' is not among them in nats-server's reader. */
    static boolean endsNumber(int c) {
        return c == SourceCursor.EOF || isNewline(c) || isBlank(c) || c == '}' || c == ';' || c == ',';
    }

    /** Where an unquoted string ends. */
    static boolean endsUnquoted(int c) {
        return endsNumber(c) || c == ']';
    }
}
