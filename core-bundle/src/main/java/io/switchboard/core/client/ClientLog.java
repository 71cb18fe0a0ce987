package io.switchboard.core.client;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.protocol.GoQuoting;
import io.switchboard.core.protocol.ProtocolTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client connection's log lines, worded and prefixed as nats-server's
 * ({@code 127.0.0.1:5555 - cid:4 - "v2.21.5:java:app" - ...}), including the {@code -V}
 * protocol trace: {@code <<-} for what the client sent, {@code ->>} for what it is sent.
 */
final class ClientLog implements ProtocolTrace {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** Secrets in a CONNECT never reach the log, as in nats-server. */
    private static final Pattern SECRET = Pattern.compile("\"(?:pass|auth_token|sig)\"\\s*:\\s*\"([^\"]*)\"");

    private final String address;
    private volatile String prefix;
    private volatile boolean tracing;
    private volatile int maxTracedPayload;

    ClientLog(String address) {
        this.address = address;
        this.prefix = address + " - ";
    }

    /** Picks up the trace settings; called at start and after a configuration reload. */
    void configure(int maxTracedMsgLen) {
        this.tracing = LOG.isTraceEnabled();
        this.maxTracedPayload = maxTracedMsgLen;
    }

    /** After CONNECT the prefix names the client by version, language and name, as nats-server does. */
    void identify(String version, String lang, String name) {
        StringBuilder id = new StringBuilder();
        if (!version.isEmpty()) {
            id.append('v').append(version);
        }
        for (String part : new String[] {lang, name}) {
            if (!part.isEmpty()) {
                id.append(id.length() > 0 ? ":" : "").append(part);
            }
        }
        prefix = id.length() == 0 ? address + " - " : address + " - \"" + id + "\" - ";
    }

    boolean tracing() {
        return tracing;
    }

    @Override
    public void operation(String op, String arg) {
        if (tracing) {
            String shown = "CONNECT".equals(op) ? redact(arg) : arg;
            LOG.trace("{}<<- [{}]", prefix, shown == null ? op : op + " " + shown);
        }
    }

    @Override
    public void payload(ByteBuf buf, int from, int length) {
        if (tracing) {
            int max = maxTracedPayload;
            if (max > 0 && length > max) {
                String quoted = GoQuoting.quote(buf, from, max);
                LOG.trace("{}<<- MSG_PAYLOAD: [\"{}...\"]", prefix, quoted.substring(1, quoted.length() - 1));
            } else {
                LOG.trace("{}<<- MSG_PAYLOAD: [{}]", prefix, GoQuoting.quote(buf, from, length));
            }
        }
    }

    /** An operation sent to the client: {@code OK}, {@code PING}, {@code MSG foo 1 5}... */
    void sent(String operation) {
        if (tracing) {
            LOG.trace("{}->> [{}]", prefix, operation);
        }
    }

    /** Bookkeeping inside the server, such as a subscription removed when its client closed. */
    void internal(String operation) {
        if (tracing) {
            LOG.trace("{}<-> [{}]", prefix, operation);
        }
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

    private static String redact(String json) {
        Matcher m = SECRET.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "");
            out.append(json, m.start(), m.start(1)).append("[REDACTED]").append(json, m.end(1), m.end());
        }
        m.appendTail(out);
        return out.toString();
    }
}
