package io.switchboard.logging;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Formats a log line the way nats-server does: {@code [pid] 2006/01/02 15:04:05.000000 [INF] text}. */
final class NatsLogFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");

    private final String pidPrefix = "[" + ProcessHandle.current().pid() + "] ";

    String format(String label, String text, boolean withTime) {
        StringBuilder line = new StringBuilder(pidPrefix.length() + 34 + text.length());
        line.append(pidPrefix);
        if (withTime) {
            TIME.formatTo(LocalDateTime.now(), line);
            line.append(' ');
        }
        return line.append(label).append(' ').append(text).append('\n').toString();
    }
}
