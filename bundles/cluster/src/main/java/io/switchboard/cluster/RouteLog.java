package io.switchboard.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route's log lines, prefixed as nats-server prefixes them ({@code 127.0.0.1:6222 - rid:5 - }),
 * with its {@code -V} protocol trace: {@code <<-} for what the peer sent, {@code ->>} for what it
 * is sent.
 */
final class RouteLog {

    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);
    private static final Pattern PASSWORD = Pattern.compile("(\"pass\"\\s*:\\s*\")([^\"]*)(\")");

    private final String prefix;

    RouteLog(String remote, long rid) {
        this.prefix = remote + " - rid:" + rid + " - ";
    }

    boolean tracing() {
        return LOG.isTraceEnabled();
    }

    void received(String operation) {
        LOG.trace("{}<<- [{}]", prefix, redact(operation));
    }

    void sent(String operation) {
        LOG.trace("{}->> [{}]", prefix, redact(operation));
    }

    void debug(String text) {
        LOG.debug("{}{}", prefix, text);
    }

    void info(String text) {
        LOG.info("{}{}", prefix, text);
    }

    void error(String text) {
        LOG.error("{}{}", prefix, text);
    }

    private static String redact(String operation) {
        if (!operation.startsWith("CONNECT")) {
            return operation;
        }
        Matcher m = PASSWORD.matcher(operation);
        return m.replaceAll("$1[REDACTED]$3");
    }
}
