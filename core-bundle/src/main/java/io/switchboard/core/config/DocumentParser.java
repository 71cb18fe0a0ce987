package io.switchboard.core.config;

import static io.switchboard.core.config.SourceCursor.EOF;
import static io.switchboard.core.config.SourceCursor.show;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads one text of the nats configuration format by recursive descent. The accepted syntax and the
 * resulting values follow nats-server 2.9's reader, including its less obvious rules: a positive
 * integer directly followed by ']' becomes part of an unquoted string, a single quote ends an unquoted
 * string, and input that stops inside an unfinished quoted token ends the document quietly.
 */
final class DocumentParser {

    /** The input ended where nats-server stops reading without an error, keeping what was complete. */
    private static final class EndOfInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfInput() {
            super(null, null, false, false);
        }
    }

    private static final String DATE_REST = "00-00T00:00:00Z";

    private final SourceCursor in;
    private final Path baseDir;
    private final ParseContext context;
    private final Deque<MapBuilder> scopes = new ArrayDeque<>();
    /** Where an integer swallowed a ']', to explain the array error that usually follows. */
    private Position swallowedBracket;

    DocumentParser(SourceCursor in, Path baseDir, ParseContext context) {
        this.in = in;
        this.baseDir = baseDir;
        this.context = context;
    }

    ConfigTree parse() {
        MapBuilder top = new MapBuilder(in.position());
        scopes.push(top);
        try {
            while (skipTopLevelFiller()) {
                String key = readEntry(top, true, false);
                endTopLevelValue(key);
            }
        } catch (EndOfInput e) {
            // What was complete before the end is the document, as nats-server has it.
        }
        return top.build();
    }

    // Braces around the whole document are allowed, so JSON files read as configuration.
    private boolean skipTopLevelFiller() {
        while (true) {
            int c = in.peek();
            if (c == EOF) {
                return false;
            } else if (Chars.isSpace(c) || c == '{') {
                in.next();
            } else if (atComment()) {
                skipComment();
            } else if (c == '/') {
                throw in.error("unexpected '/', comments start with '#' or '//'");
            } else {
                return true;
            }
        }
    }

    private void endTopLevelValue(String key) {
        while (true) {
            int c = in.peek();
            if (atComment()) {
                skipComment();
                return;
            } else if (Chars.isBlank(c) || c == '/') {
                in.next();
            } else if (c == EOF) {
                return;
            } else if (Chars.isNewline(c) || c == ';' || c == ',' || c == '}') {
                in.next();
                return;
            } else {
                throw in.error("expected a new line, ';' or a comment after the value of '" + key
                        + "' but found " + show(c));
            }
        }
    }

    private boolean atComment() {
        return in.peek() == '#' || (in.peek() == '/' && in.peek(1) == '/');
    }

    private void skipComment() {
        while (in.peek() != EOF && !Chars.isNewline(in.peek())) {
            in.next();
        }
    }

    /** Reads a key and its value, or an include directive, into the map; returns the key. */
    private String readEntry(MapBuilder target, boolean topLevel, boolean afterSlash) {
        Position keyPosition = in.position();
        int c = in.peek();
        String key;
        if (!afterSlash && Chars.isKeySeparator(c)) {
            throw in.error("unexpected key separator " + show(c) + ", expected a key");
        } else if (!afterSlash && (c == '"' || c == '\'')) {
            key = readQuotedKey(topLevel);
        } else {
            key = readBareKey(topLevel);
            if (key.equalsIgnoreCase("include") && Chars.isSpace(in.peek())) {
                readInclude(target);
                return key;
            }
        }
        target.put(key, keyPosition, readValueOf(key, topLevel));
        return key;
    }

    private String readQuotedKey(boolean topLevel) {
        Position start = in.position();
        int quote = in.next();
        StringBuilder key = new StringBuilder();
        while (true) {
            int c = in.next();
            if (c == quote) {
                return key.toString();
            } else if (c == EOF) {
                if (topLevel && key.length() == 0) {
                    throw new EndOfInput();
                }
                throw in.errorAt(start, "quoted key is not closed before the end of file");
            }
            key.appendCodePoint(c);
        }
    }

    // The first character is taken whatever it is: nats-server reads "{ /x: 1 }" as key "x" that way.
    private String readBareKey(boolean topLevel) {
        StringBuilder key = new StringBuilder();
        if (in.peek() == EOF) {
            throw in.error("unexpected end of file, expected a key");
        }
        key.appendCodePoint(in.next());
        while (true) {
            int c = in.peek();
            if (c == EOF && !topLevel) {
                throw in.error("unexpected end of file in key '" + key + "'");
            }
            if (c == EOF || Chars.isSpace(c) || Chars.isKeySeparator(c)) {
                return key.toString();
            }
            key.appendCodePoint(in.next());
        }
    }

    private ConfigValue readValueOf(String key, boolean topLevel) {
        skipSpaces();
        if (topLevel && in.peek() == EOF) {
            throw new EndOfInput();
        }
        if (Chars.isKeySeparator(in.peek())) {
            in.next();
        }
        if (!topLevel) {
            skipSpaces();
            int c = in.peek();
            if (c == ',' || c == '}' || c == EOF) {
                throw in.error("expected a value for '" + key + "' but found " + show(c));
            }
        }
        return readValue();
    }

    private void skipSpaces() {
        while (Chars.isSpace(in.peek())) {
            in.next();
        }
    }

    private ConfigValue readValue() {
        while (Chars.isBlank(in.peek())) {
            in.next();
        }
        Position at = in.position();
        int c = in.peek();
        return switch (c) {
            case '[' -> readArray();
            case '{' -> readMap();
            case '\'' -> readSingleQuoted();
            case '"' -> readDoubleQuoted();
            case '-' -> readNegativeNumber();
            case '(' -> readBlockString();
            case '.' -> throw in.error("floats must start with a digit");
            case '\n', '\r' -> throw in.error("expected a value but found a new line");
            default -> Chars.isDigit(c) ? readNumberLike() : readUnquoted(at, new TextBuffer());
        };
    }

    private ConfigValue readArray() {
        Position at = in.position();
        in.next();
        List<ConfigValue> elements = new ArrayList<>();
        while (true) {
            int c = in.peek();
            if (Chars.isSpace(c)) {
                in.next();
            } else if (atComment()) {
                skipComment();
            } else if (c == ']') {
                in.next();
                return ConfigValue.ofArray(elements, at);
            } else if (c == ',' || c == '/') {
                throw in.error("unexpected " + show(c) + " in array, expected a value or ']'");
            } else if (c == EOF) {
                throw in.error("unexpected end of file, expected ']' to close the array started at " + at
                        + bracketHint());
            } else {
                elements.add(readValue());
                if (endArrayElement()) {
                    return ConfigValue.ofArray(elements, at);
                }
            }
        }
    }

    /** Consumes what follows an array element; true when that was the closing bracket. */
    private boolean endArrayElement() {
        while (true) {
            int c = in.peek();
            if (atComment()) {
                skipComment();
            } else if (Chars.isBlank(c)) {
                in.next();
            } else if (c == ',' || c == '/' || Chars.isNewline(c)) {
                in.next();
                return false;
            } else if (c == ']') {
                in.next();
                return true;
            } else {
                throw in.error("expected ',' or ']' after an array element but found " + show(c) + bracketHint());
            }
        }
    }

    private String bracketHint() {
        return swallowedBracket == null ? "" : " (the ']' at " + swallowedBracket
                + " belongs to the number before it, as in nats-server: put a space or ',' before it)";
    }

    private ConfigValue readMap() {
        Position at = in.position();
        in.next();
        MapBuilder map = new MapBuilder(at);
        scopes.push(map);
        while (true) {
            int c = in.peek();
            if (Chars.isKeySeparator(c)) {
                throw in.error("unexpected key separator " + show(c) + ", expected a key");
            } else if (c == ']') {
                throw in.error("unexpected ']' in a map, expected a key or '}'");
            } else if (Chars.isSpace(c)) {
                in.next();
            } else if (c == '}') {
                in.next();
                break;
            } else if (atComment()) {
                skipComment();
            } else if (c == EOF) {
                throw in.error("unexpected end of file, expected '}' to close the map started at " + at);
            } else {
                boolean afterSlash = c == '/';
                if (afterSlash) {
                    in.next();
                }
                readEntry(map, false, afterSlash);
                if (endMapValue()) {
                    break;
                }
            }
        }
        scopes.pop();
        return ConfigValue.ofMap(map.build());
    }

    /** Consumes what follows a map value; true when that was the closing brace. */
    private boolean endMapValue() {
        while (true) {
            int c = in.peek();
            if (atComment()) {
                skipComment();
            } else if (Chars.isBlank(c)) {
                in.next();
            } else if (c == ',' || c == ';' || c == '/' || Chars.isNewline(c)) {
                in.next();
                return false;
            } else if (c == '}') {
                in.next();
                return true;
            } else {
                throw in.error("expected ',', ';', a new line or '}' after a map value but found " + show(c));
            }
        }
    }

    private ConfigValue readSingleQuoted() {
        Position at = in.position();
        in.next();
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = in.next();
            if (c == '\'') {
                return ConfigValue.ofString(text.toString(), at);
            } else if (c == EOF) {
                if (text.length() == 0) {
                    throw new EndOfInput();
                }
                throw in.errorAt(at, "string is not closed before the end of file");
            }
            text.appendCodePoint(c);
        }
    }

    private ConfigValue readDoubleQuoted() {
        Position at = in.position();
        in.next();
        TextBuffer text = new TextBuffer();
        while (true) {
            int c = in.peek();
            if (c == EOF) {
                if (!text.hasPlainSinceEscape()) {
                    throw new EndOfInput();
                }
                throw in.errorAt(at, "string is not closed before the end of file");
            }
            in.next();
            if (c == '"') {
                return ConfigValue.ofString(text.toString(), at);
            } else if (c == '\\') {
                readEscape(text);
            } else {
                text.append(c);
            }
        }
    }

    /** Reads the rest of an escape sequence, the backslash being consumed already. */
    private void readEscape(TextBuffer text) {
        Position at = in.position();
        int c = in.next();
        switch (c) {
            case 't' -> text.appendEscaped("\t");
            case 'n' -> text.appendEscaped("\n");
            case 'r' -> text.appendEscaped("\r");
            case '"' -> text.appendEscaped("\"");
            case '\\' -> text.appendEscaped("\\");
            case 'x' -> text.appendEscapedByte(readHexByte());
            default -> throw in.errorAt(at, "invalid escape character " + show(c)
                    + "; only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed");
        }
    }

    private int readHexByte() {
        Position at = in.position();
        int high = in.next();
        int low = high == EOF || Chars.isNewline(high) ? EOF : in.next();
        int value = Character.digit(high, 16) * 16 + Character.digit(low, 16);
        if (high > 0x7F || low > 0x7F || Character.digit(high, 16) < 0 || Character.digit(low, 16) < 0) {
            throw in.errorAt(at, "expected two hexadecimal digits after '\\x'");
        }
        return value;
    }

    // The block ends at a ')' that stands alone on a line; the text keeps the newline before it.
    private ConfigValue readBlockString() {
        Position at = in.position();
        in.next();
        StringBuilder text = new StringBuilder();
        int before = '(';
        while (true) {
            int c = in.next();
            if (c == EOF) {
                throw in.errorAt(at, "block string is not closed: it ends with a line holding only ')'");
            }
            if (c == ')' && before == '\n' && in.peek() == '\n') {
                return ConfigValue.ofString(text.toString(), at);
            }
            if (c == ')' && before == '\n' && in.peek() == EOF) {
                // nats-server keeps the parenthesis when the file ends right after it.
                return ConfigValue.ofString(text.append(')').toString(), at);
            }
            text.appendCodePoint(c);
            before = c;
        }
    }

    private ConfigValue readUnquoted(Position at, TextBuffer text) {
        while (true) {
            int c = in.peek();
            if (Chars.endsUnquoted(c)) {
                break;
            }
            in.next();
            if (c == '\'') {
                return ConfigValue.ofString(text.toString(), at);
            } else if (c == '\\') {
                readEscape(text);
            } else {
                text.append(c);
            }
        }
        String word = text.toString();
        if (text.hadEscape()) {
            return ConfigValue.ofString(word, at);
        }
        Boolean bool = Scalars.bool(word);
        if (bool != null) {
            return ConfigValue.ofBoolean(bool, at);
        }
        if (word.startsWith("$")) {
            return resolve(word.substring(1), at);
        }
        return ConfigValue.ofString(word, at);
    }

    /** A token starting with a digit: an integer, size, float, datetime, IP address or plain word. */
    private ConfigValue readNumberLike() {
        Position at = in.position();
        TextBuffer text = new TextBuffer();
        StringBuilder digits = new StringBuilder();
        while (true) {
            int c = in.peek();
            if (Chars.isDigit(c)) {
                digits.appendCodePoint(in.next());
                text.append(c);
            } else if (c == '-') {
                return readDateTime(at, digits);
            } else if (c == '.') {
                return readFraction(at, digits);
            } else if (Chars.isSizeUnit(c)) {
                return readSize(at, digits);
            } else if (Chars.endsNumber(c)) {
                return ConfigValue.ofInteger(Scalars.integer(digits.toString(), at), at);
            } else {
                // Any other character, ']' included, makes the whole token a word.
                if (c == ']' && swallowedBracket == null) {
                    swallowedBracket = in.position();
                }
                text.append(in.next());
                return readUnquoted(at, text);
            }
        }
    }

    private ConfigValue readNegativeNumber() {
        Position at = in.position();
        StringBuilder digits = new StringBuilder();
        digits.appendCodePoint(in.next());
        int first = in.peek();
        if (!Chars.isDigit(first)) {
            throw in.error(first == '.' ? "floats must start with a digit, not '.'"
                    : "expected a digit but got " + show(first));
        }
        while (true) {
            int c = in.peek();
            if (Chars.isDigit(c)) {
                digits.appendCodePoint(in.next());
            } else if (c == '.') {
                return readFraction(at, digits);
            } else if (Chars.isSizeUnit(c)) {
                return readSize(at, digits);
            } else {
                return ConfigValue.ofInteger(Scalars.integer(digits.toString(), at), at);
            }
        }
    }

    private ConfigValue readDateTime(Position at, StringBuilder digits) {
        if (digits.length() != 4) {
            throw in.error("a datetime must be in the full Zulu form 2006-01-02T15:04:05Z");
        }
        StringBuilder text = new StringBuilder(digits).appendCodePoint(in.next());
        for (char expected : DATE_REST.toCharArray()) {
            int c = in.peek();
            boolean fits = expected == '0' ? Chars.isDigit(c) : c == expected;
            if (!fits) {
                throw in.error("expected " + (expected == '0' ? "a digit" : "'" + expected + "'")
                        + " in ISO8601 datetime but found " + show(c));
            }
            text.appendCodePoint(in.next());
        }
        return ConfigValue.ofDateTime(Scalars.dateTime(text.toString(), at), at);
    }

    // After the '.', more dots make an IP address (kept as a string, with any ':' or '-' after it).
    private ConfigValue readFraction(Position at, StringBuilder number) {
        number.appendCodePoint(in.next());
        if (!Chars.isDigit(in.peek())) {
            throw in.error("floats must have a digit after the '.' but found " + show(in.peek()));
        }
        while (Chars.isDigit(in.peek())) {
            number.appendCodePoint(in.next());
        }
        if (in.peek() != '.') {
            return ConfigValue.ofFloat(Scalars.floating(number.toString(), at), at);
        }
        while (Chars.isDigit(in.peek()) || in.peek() == '.' || in.peek() == ':' || in.peek() == '-') {
            number.appendCodePoint(in.next());
        }
        return ConfigValue.ofString(number.toString(), at);
    }

    private ConfigValue readSize(Position at, StringBuilder number) {
        TextBuffer word = new TextBuffer();
        number.codePoints().forEach(word::append);
        number.appendCodePoint(in.peek());
        word.append(in.next());
        while (Chars.isSizeUnitTail(in.peek())) {
            number.appendCodePoint(in.peek());
            word.append(in.next());
        }
        int c = in.peek();
        if (Chars.endsNumber(c) || Chars.isDigit(c)) {
            return ConfigValue.ofInteger(Scalars.integer(number.toString(), at), at);
        }
        return readUnquoted(at, word);
    }

    private void readInclude(MapBuilder target) {
        while (Chars.isBlank(in.peek())) {
            in.next();
        }
        Position at = in.position();
        int c = in.peek();
        String path;
        if (c == '\'' || c == '"') {
            path = readQuotedIncludePath();
        } else {
            String problem = switch (c) {
                case '[' -> "the start of an array";
                case '{' -> "the start of a map";
                case '(' -> "the start of a block";
                case '\\' -> "an escape sequence";
                case '\n', '\r' -> "a new line";
                default -> c == '-' || Chars.isDigit(c) ? "the start of a number" : null;
            };
            if (problem != null) {
                throw in.error("expected an include path but found " + problem);
            }
            path = readBareIncludePath();
        }
        for (ConfigTree.Entry entry : context.include(baseDir, path, at).entries()) {
            target.put(entry);
        }
    }

    private String readQuotedIncludePath() {
        Position start = in.position();
        int quote = in.next();
        StringBuilder path = new StringBuilder();
        while (true) {
            int c = in.next();
            if (c == quote) {
                return path.toString();
            } else if (c == EOF) {
                throw in.errorAt(start, "include path is not closed before the end of file");
            }
            path.appendCodePoint(c);
        }
    }

    private String readBareIncludePath() {
        StringBuilder path = new StringBuilder();
        while (true) {
            int c = in.peek();
            if (c == EOF || Chars.isNewline(c) || Chars.isBlank(c) || c == ';' || c == '}') {
                return path.toString();
            }
            in.next();
            if (c == '\'') {
                return path.toString();
            }
            path.appendCodePoint(c);
        }
    }

    /**
     * A {@code $name} reference: an earlier key of an enclosing map, innermost first, then an
     * environment variable. Words starting with "$2a$" are bcrypt hashes, not references.
     */
    private ConfigValue resolve(String name, Position at) {
        if (name.startsWith("2a$")) {
            return ConfigValue.ofString("$" + name, at);
        }
        for (MapBuilder scope : scopes) {
            Optional<ConfigValue> found = scope.reference(name);
            if (found.isPresent()) {
                return found.get().at(at);
            }
        }
        return context.environmentValue(name, at);
    }
}
