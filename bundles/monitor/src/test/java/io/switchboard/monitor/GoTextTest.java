package io.switchboard.monitor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GoTextTest {

    /** nats-server truncates a round trip to whole microseconds between 1 µs and 1 ms. */
    @ParameterizedTest
    @CsvSource({"0, 0s", "999, 999ns", "446123, 446µs", "1500000, 1.5ms", "2000000001, 2.000000001s"})
    void roundTrips(long nanos, String text) {
        assertThat(GoText.rtt(nanos)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "3605, 1h0m5s", "90061, 1d1h1m1s"})
    void uptimes(long seconds, String text) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(GoText.uptime(start, start.plusSeconds(seconds))).isEqualTo(text);
    }
}
