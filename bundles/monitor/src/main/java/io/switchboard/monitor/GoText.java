package io.switchboard.monitor;

import io.switchboard.core.config.Durations;

import java.time.Duration;
import java.time.Instant;

/** Times and durations written as nats-server's JSON writes them. */
final class GoText {

    private GoText() {
    }

    /** A round trip as nats-server shows it: whole microseconds between 1 µs and 1 ms, else nanoseconds. */
    static String rtt(long nanos) {
        long shown = nanos > 1_000 && nanos < 1_000_000 ? nanos / 1_000 * 1_000 : nanos;
        return Durations.format(Duration.ofNanos(shown));
    }

    /** nats-server's uptime format: 45s, 3m5s, 2h3m5s, 4d2h3m5s, 1y4d2h3m5s. */
    static String uptime(Instant from, Instant to) {
        return Varz.uptime(Duration.between(from, to).isNegative() ? Duration.ZERO : Duration.between(from, to));
    }

    static String time(Instant instant) {
        return instant.toString();
    }
}
