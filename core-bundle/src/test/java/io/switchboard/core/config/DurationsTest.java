package io.switchboard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "-0, 0", "2s, 2000000000", "1m30s, 90000000000", "250ms, 250000000", "1h, 3600000000000",
        "1.5h, 5400000000000", ".5s, 500000000", "5.s, 5000000000", "-1.5s, -1500000000", "+2m, 120000000000",
        "1h2m3s4ms5us6ns, 3723004005006", "1µs, 1000", "1μs, 1000", "1us, 1000", "3ns, 3",
        "0.0000000001s, 0", "9223372036854775807ns, 9223372036854775807",
        "-9223372036854775808ns, -9223372036854775808", "2562047h47m16.854775807s, 9223372036854775807"})
    void goDurationStrings(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| time: invalid duration \"\"",
        "1| time: missing unit in duration \"1\"",
        "1d| time: unknown unit \"d\" in duration \"1d\"",
        "2 s| time: unknown unit \" s\" in duration \"2 s\"",
        ".s| time: invalid duration \".s\"",
        "s| time: invalid duration \"s\"",
        "9223372036854775808ns| time: invalid duration \"9223372036854775808ns\"",
        "2562048h| time: invalid duration \"2562048h\""})
    void goErrors(String text, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> Durations.parse(text)).getMessage());
    }

    @Test
    void configValuesMayBeStringsOrSeconds() {
        ConfigTree tree = new ConfParser(Map.of()).parse("a = \"1m\"\nb = 30\nc = 0.25\nd = true\ne = \"x\"", "d.conf");
        assertEquals(Duration.ofMinutes(1), Durations.parse(tree.get("a").orElseThrow()));
        assertEquals(Duration.ofSeconds(30), Durations.parse(tree.get("b").orElseThrow()));
        assertEquals(Duration.ofMillis(250), Durations.parse(tree.get("c").orElseThrow()));
        assertEquals("d.conf:4:5: expected a duration such as \"2s\" or a number of seconds but got boolean true",
                assertThrows(ConfigException.class, () -> Durations.parse(tree.get("d").orElseThrow())).getMessage());
        assertEquals("d.conf:5:5: time: invalid duration \"x\"",
                assertThrows(ConfigException.class, () -> Durations.parse(tree.get("e").orElseThrow())).getMessage());
    }

    @Test
    void fractionalSeconds() {
        assertEquals(Duration.ofMillis(1500), Durations.ofSeconds(1.5));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "3, 3ns", "1500, 1.5µs", "250000000, 250ms", "2000000000, 2s", "90000000000, 1m30s",
        "3600000000000, 1h0m0s", "5400500000000, 1h30m0.5s", "-1500000000, -1.5s"})
    void goFormatting(long nanos, String text) {
        assertEquals(text, Durations.format(Duration.ofNanos(nanos)));
    }
}
