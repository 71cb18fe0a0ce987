package io.switchboard.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A logger that writes nats-server style lines. Debug and trace are for Switchboard's own
 * loggers only: a library's debug output is noise to someone grepping a broker log.
 */
final class NatsLogger extends LegacyAbstractLogger {

    /** Marker for lines nats-server prints as {@code [FTL]}: the process cannot go on. */
    static final String FATAL = "FATAL";

    private static final long serialVersionUID = 1L;

    private final transient NatsLogFormat format;
    private final boolean own;

    NatsLogger(String name, NatsLogFormat format) {
        this.name = name;
        this.format = format;
        this.own = name.startsWith("io.switchboard");
    }

    @Override
    public boolean isTraceEnabled() {
        return own && LogSettings.current().trace;
    }

    @Override
    public boolean isDebugEnabled() {
        return own && LogSettings.current().debug;
    }

    @Override
    public boolean isInfoEnabled() {
        return own;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String text = MessageFormatter.basicArrayFormat(pattern, args);
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            text = text + System.lineSeparator() + trace.toString().stripTrailing();
        }
        LogSettings settings = LogSettings.current();
        settings.out.print(format.format(label(level, marker), text, settings.logtime));
    }

    private static String label(Level level, Marker marker) {
        if (marker != null && marker.contains(FATAL)) {
            return "[FTL]";
        }
        switch (level) {
            case ERROR: return "[ERR]";
            case WARN: return "[WRN]";
            case INFO: return "[INF]";
            case DEBUG: return "[DBG]";
            default: return "[TRC]";
        }
    }
}
