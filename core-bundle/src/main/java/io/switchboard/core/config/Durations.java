package io.switchboard.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as nats-server writes them: Go duration strings such as {@code "2s"}, {@code "1m30s"},
 * {@code "250ms"} or {@code "1h"}, and plain numbers of seconds.
 */
public final class Durations {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND,
            "h", 3600 * NANOS_PER_SECOND);

    /** 2^63: the magnitude limit of Go's duration arithmetic, reachable only by negative values. */
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

    private Durations() {
    }

    /**
     * Parses a Go duration string: an optional sign and one or more decimal numbers, each with an
     * optional fraction and a unit among ns, us (or µs), ms, s, m and h. {@code "0"} needs no unit.
     *
     * @throws ConfigException with Go's message, such as {@code time: missing unit in duration "1"}
     */
    public static Duration parse(String text) {
        String rest = text;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        while (!rest.isEmpty()) {
            if (!(rest.charAt(0) == '.' || isAsciiDigit(rest.charAt(0)))) {
                throw invalid(text);
            }
            int wholeEnd = digitsEnd(rest, 0);
            BigInteger whole = wholeEnd == 0 ? BigInteger.ZERO : new BigInteger(rest.substring(0, wholeEnd));
            if (whole.compareTo(LIMIT) > 0) {
                throw invalid(text);
            }
            int fractionEnd = wholeEnd;
            long fraction = 0;
            double scale = 1;
            if (wholeEnd < rest.length() && rest.charAt(wholeEnd) == '.') {
                fractionEnd = digitsEnd(rest, wholeEnd + 1);
                // Like Go, digits past 2^63 are read and ignored; the fraction is an unsigned 64-bit value.
                for (int i = wholeEnd + 1; i < fractionEnd; i++) {
                    if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
                        break;
                    }
                    long next = fraction * 10 + (rest.charAt(i) - '0');
                    if (Long.compareUnsigned(next, Long.MIN_VALUE) > 0) {
                        break;
                    }
                    fraction = next;
                    scale *= 10;
                }
                if (wholeEnd == 0 && fractionEnd == wholeEnd + 1) {
                    throw invalid(text);
                }
            }
            int unitEnd = fractionEnd;
            while (unitEnd < rest.length() && rest.charAt(unitEnd) != '.' && !isAsciiDigit(rest.charAt(unitEnd))) {
                unitEnd++;
            }
            if (unitEnd == fractionEnd) {
                throw new ConfigException("time: missing unit in duration " + quote(text));
            }
            String unitName = rest.substring(fractionEnd, unitEnd);
            Long unit = UNIT_NANOS.get(unitName);
            if (unit == null) {
                throw new ConfigException("time: unknown unit " + quote(unitName) + " in duration " + quote(text));
            }
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (fraction != 0) {
                double unsignedFraction = fraction < 0 ? 0x1p63 : fraction;
                value = value.add(BigInteger.valueOf((long) (unsignedFraction * ((double) unit / scale))));
            }
            total = total.add(value);
            if (value.compareTo(LIMIT) > 0 || total.compareTo(LIMIT) > 0) {
                throw invalid(text);
            }
            rest = rest.substring(unitEnd);
        }
        if (negative) {
            return Duration.ofNanos(total.negate().longValueExact());
        }
        if (total.compareTo(LIMIT) >= 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(total.longValueExact());
    }

    /** Fractional seconds, as nats-server takes timeouts written as plain numbers. */
    public static Duration ofSeconds(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new ConfigException("not a number of seconds: " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * NANOS_PER_SECOND));
    }

    /**
     * A configuration value as a duration: a string is a Go duration, a number counts seconds.
     *
     * @throws ConfigException positioned at the value when it is neither
     */
    public static Duration parse(ConfigValue value) {
        return switch (value.kind()) {
            case STRING -> {
                try {
                    yield parse(value.asString());
                } catch (ConfigException e) {
                    throw new ConfigException(value.position(), e.reason());
                }
            }
            case INTEGER -> Duration.ofSeconds(value.asLong());
            case FLOAT -> ofSeconds(value.asDouble());
            default -> throw new ConfigException(value.position(),
                    "expected a duration such as \"2s\" or a number of seconds but got " + value.describe());
        };
    }

    /** Go's text for a duration: "1m30s", "250ms", "0s", "1h0m0s". */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        BigInteger magnitude = BigInteger.valueOf(nanos).abs();
        if (magnitude.compareTo(BigInteger.valueOf(NANOS_PER_SECOND)) < 0) {
            long small = magnitude.longValueExact();
            if (small < 1_000) {
                return sign + small + "ns";
            } else if (small < 1_000_000) {
                return sign + decimal(small, 1_000) + "\u00b5s";
            }
            return sign + decimal(small, 1_000_000) + "ms";
        }
        BigInteger[] hoursAndRest = magnitude.divideAndRemainder(BigInteger.valueOf(3600 * NANOS_PER_SECOND));
        long rest = hoursAndRest[1].longValueExact();
        long minutes = rest / (60 * NANOS_PER_SECOND);
        long secondNanos = rest % (60 * NANOS_PER_SECOND);
        StringBuilder text = new StringBuilder(sign);
        if (hoursAndRest[0].signum() > 0) {
            text.append(hoursAndRest[0]).append('h').append(minutes).append('m');
        } else if (minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(decimal(secondNanos, NANOS_PER_SECOND)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + fraction).substring(1).replaceFirst("0+$", "");
        return whole + "." + digits;
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isAsciiDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static ConfigException invalid(String text) {
        return new ConfigException("time: invalid duration " + quote(text));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
