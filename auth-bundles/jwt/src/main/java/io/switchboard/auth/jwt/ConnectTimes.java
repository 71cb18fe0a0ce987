package io.switchboard.auth.jwt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user JWT's {@code times} and {@code times_location}: the daily windows in which the user may
 * connect. As in nats-server 2.9, each window starts today; one whose end is before its start
 * ends tomorrow. A connection made in a window lasts until the window ends.
 *
 * @param zone where the windows' times are read: the server's own zone unless the JWT names one
 */
record ConnectTimes(List<Window> windows, ZoneId zone) {

    record Window(LocalTime start, LocalTime end) {
    }

    static ConnectTimes read(ClaimMap fields) throws InvalidJwtException {
        List<Window> windows = new ArrayList<>();
        for (Object range : fields.list("times")) {
            ClaimMap window = ClaimMap.of(range, "a time range");
            windows.add(new Window(time(window.string("start")), time(window.string("end"))));
        }
        String location = fields.string("times_location");
        try {
            return new ConnectTimes(windows, location.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(location));
        } catch (DateTimeException e) {
            throw new InvalidJwtException("could not parse iana time zone by name: " + location);
        }
    }

    /** True when a user may connect at {@code now}. */
    boolean admits(ZonedDateTime now) {
        return windows.isEmpty() || windowEnd(now).isPresent();
    }

    /** The end of the window {@code now} falls in; empty outside every window, and without windows. */
    Optional<Instant> windowEnd(ZonedDateTime now) {
        ZonedDateTime local = now.withZoneSameInstant(zone);
        for (Window window : windows) {
            ZonedDateTime start = local.with(window.start());
            ZonedDateTime end = local.with(window.end());
            if (window.start().isAfter(window.end())) {
                end = end.plusDays(1);
            }
            if (start.isBefore(local) && end.isAfter(local)) {
                return Optional.of(end.toInstant());
            }
        }
        return Optional.empty();
    }

    private static LocalTime time(String text) throws InvalidJwtException {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidJwtException("time range value is invalid \"" + text + "\"");
        }
    }
}
