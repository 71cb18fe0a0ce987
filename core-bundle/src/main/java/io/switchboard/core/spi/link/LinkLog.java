package io.switchboard.core.spi.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.annotation.versioning.ProviderType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One link connection's log lines, prefixed as nats-server prefixes them
 * ({@code 127.0.0.1:6222 - rid:5 - } for a route, {@code gid:} for a gateway), with its {@code -V}
 * protocol trace: {@code <<-} for what the peer sent, {@code ->>} for what it is sent. Passwords
 * in a traced CONNECT show as {@code [REDACTED]}.
 */
@ProviderType
public final class LinkLog {

    private static final Pattern PASSWORD = Pattern.compile("(\"pass\"\\s*:\\s*\")([^\"]*)(\")");

    private final Logger log;
    private final String prefix;

    /** Lines for the connection {@code tag:id} ({@code rid:5}) to {@code remote}, logged as {@code owner}. */
    public LinkLog(Class<?> owner, String remote, String tag, long id) {
        this.log = LoggerFactory.getLogger(owner);
        this.prefix = remote + " - " + tag + ":" + id + " - ";
    }

    public boolean tracing() {
        return log.isTraceEnabled();
    }

    public void received(String operation) {
        log.trace("{}<<- [{}]", prefix, redact(operation));
    }

    public void sent(String operation) {
        log.trace("{}->> [{}]", prefix, redact(operation));
    }

    public void debug(String text) {
        log.debug("{}{}", prefix, text);
    }

    public void info(String text) {
        log.info("{}{}", prefix, text);
    }

    public void error(String text) {
        log.error("{}{}", prefix, text);
    }

    private static String redact(String operation) {
        if (!operation.startsWith("CONNECT")) {
            return operation;
        }
        Matcher m = PASSWORD.matcher(operation);
        return m.replaceAll("$1[REDACTED]$3");
    }
}
