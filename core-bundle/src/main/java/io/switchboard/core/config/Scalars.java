package io.switchboard.core.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;

/** Turns the text of scalar tokens into values, with nats-server's rules for sizes and booleans. */
final class Scalars {

    private static final long KILO = 1000L;
    private static final long KIBI = 1024L;

    /**
     * Unit suffixes: a bare letter is a power of 1000, with "b", "i" or "ib" a power of 1024. So
     * {@code 1k} is 1000 and {@code 1kb}, {@code 1Ki}, {@code 1KiB} are 1024.
     */
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("k", KILO), Map.entry("kb", KIBI), Map.entry("ki", KIBI), Map.entry("kib", KIBI),
            Map.entry("m", power(KILO, 2)), Map.entry("mb", power(KIBI, 2)),
            Map.entry("mi", power(KIBI, 2)), Map.entry("mib", power(KIBI, 2)),
            Map.entry("g", power(KILO, 3)), Map.entry("gb", power(KIBI, 3)),
            Map.entry("gi", power(KIBI, 3)), Map.entry("gib", power(KIBI, 3)),
            Map.entry("t", power(KILO, 4)), Map.entry("tb", power(KIBI, 4)),
            Map.entry("ti", power(KIBI, 4)), Map.entry("tib", power(KIBI, 4)),
            Map.entry("p", power(KILO, 5)), Map.entry("pb", power(KIBI, 5)),
            Map.entry("pi", power(KIBI, 5)), Map.entry("pib", power(KIBI, 5)),
            Map.entry("e", power(KILO, 6)), Map.entry("eb", power(KIBI, 6)),
            Map.entry("ei", power(KIBI, 6)), Map.entry("eib", power(KIBI, 6)));

    private static final DateTimeFormatter ZULU = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private Scalars() {
    }

    private static long power(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    /** An optionally negative run of digits followed by an optional unit suffix. */
    static long integer(String text, Position where) {
        int digitsEnd = 0;
        while (digitsEnd < text.length()
                && (Character.isDigit(text.charAt(digitsEnd)) || text.charAt(digitsEnd) == '-')) {
            digitsEnd++;
        }
        String digits = text.substring(0, digitsEnd);
        if (!digits.matches("-?[0-9]+")) {
            throw new ConfigException(where, "expected integer, but got '" + text + "'");
        }
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ConfigException(where, "integer '" + text + "' is out of the range");
        }
        String unit = text.substring(digitsEnd).strip().toLowerCase(Locale.ROOT);
        Long multiplier = UNITS.get(unit);
        if (multiplier == null) {
            throw new ConfigException(where, "unknown size unit '" + text.substring(digitsEnd) + "' in '" + text
                    + "'; use k, m, g, t, p or e for powers of 1000 and kb/ki/kib... for powers of 1024");
        }
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw new ConfigException(where, "integer '" + text + "' is out of the range");
        }
    }

    static double floating(String text, Position where) {
        if (!text.matches("-?[0-9]+\\.[0-9]+")) {
            throw new ConfigException(where, "expected float, but got '" + text + "'");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new ConfigException(where, "float '" + text + "' is out of the range");
        }
        return value;
    }

    /** Only the full Zulu form {@code 2006-01-02T15:04:05Z} is a datetime. */
    static Instant dateTime(String text, Position where) {
        try {
            return LocalDateTime.parse(text, ZULU).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ConfigException(where, "expected Zulu formatted DateTime, but got '" + text + "'");
        }
    }

    /** The words read as booleans, in any letter case; null for any other word. */
    static Boolean bool(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
