package io.switchboard.core.config;

import java.util.ArrayList;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Command-line parsing with the rules of Go's flag package, which nats-server uses: one or two
 * leading dashes, {@code -name value} or {@code -name=value}, boolean flags only in the {@code =}
 * form, parsing stops at the first argument that is not a flag or after {@code --}, and error
 * messages worded as Go words them.
 */
final class GoFlags {

    enum Type { BOOL, STRING, INT }

    /** A flag given on the command line, under the name it was given with, and its parsed value. */
    record Setting(String name, Object value) {
    }

    /** The flags in the order given, and the arguments left after them. */
    record Result(List<Setting> settings, List<String> positional) {
    }

    private final Map<String, Type> definitions;

    GoFlags(Map<String, Type> definitions) {
        this.definitions = Map.copyOf(definitions);
    }

    Result parse(List<String> args) {
        List<Setting> settings = new ArrayList<>();
        int index = 0;
        while (index < args.size()) {
            String arg = args.get(index);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            int dashes = arg.charAt(1) == '-' ? 2 : 1;
            if (dashes == 2 && arg.length() == 2) {
                index++;
                break;
            }
            String name = arg.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new ConfigException("bad flag syntax: " + arg);
            }
            index++;
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Type type = definitions.get(name);
            if (type == null) {
                throw new ConfigException("flag provided but not defined: -" + name);
            }
            if (type == Type.BOOL) {
                settings.add(new Setting(name, value == null ? Boolean.TRUE : bool(name, value)));
                continue;
            }
            if (value == null) {
                if (index >= args.size()) {
                    throw new ConfigException("flag needs an argument: -" + name);
                }
                value = args.get(index++);
            }
            settings.add(new Setting(name, type == Type.INT ? integer(name, value) : value));
        }
        return new Result(List.copyOf(settings), List.copyOf(args.subList(index, args.size())));
    }

    private static Boolean bool(String name, String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> throw new ConfigException("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
        };
    }

    private static Long integer(String name, String value) {
        try {
            return parseGoInteger(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value \"" + value + "\" for flag -" + name + ": " + e.getMessage());
        }
    }

    /**
     * Go's strconv.ParseInt with base 0: a sign, then "0x", "0o", "0b" or a leading "0" for octal,
     * and '_' between digits. Fails with "parse error" or "value out of range".
     */
    static long parseGoInteger(String text) {
        String digits = text;
        boolean negative = false;
        if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            throw new NumberFormatException("parse error");
        }
        int radix = 10;
        if (digits.charAt(0) == '0') {
            char prefix = digits.length() >= 3 ? Character.toLowerCase(digits.charAt(1)) : ' ';
            radix = switch (prefix) {
                case 'x' -> 16;
                case 'b' -> 2;
                default -> 8;
            };
            digits = digits.substring(prefix == 'x' || prefix == 'b' || prefix == 'o' ? 2 : 1);
        }
        boolean underscores = digits.indexOf('_') >= 0;
        if (underscores && !underscoresSeparateDigits(text)) {
            throw new NumberFormatException("parse error");
        }
        String plain = digits.replace("_", "");
        int base = radix;
        if (!plain.chars().allMatch(c -> c < 0x80 && Character.digit(c, base) >= 0)) {
            throw new NumberFormatException("parse error");
        }
        if (plain.isEmpty()) {
            return 0;
        }
        BigInteger magnitude = new BigInteger(plain, base);
        BigInteger signed = negative ? magnitude.negate() : magnitude;
        if (signed.bitLength() > 63) {
            throw new NumberFormatException("value out of range");
        }
        return signed.longValueExact();
    }

    // Go accepts '_' only between digits, or right after a base prefix.
    private static boolean underscoresSeparateDigits(String text) {
        String s = text;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if ((c >= '0' && c <= '9') || (hex && lower >= 'a' && lower <= 'f')) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else if (saw == '_') {
                return false;
            } else {
                saw = '!';
            }
        }
        return saw != '_';
    }
}
