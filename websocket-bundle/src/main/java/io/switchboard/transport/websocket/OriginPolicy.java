package io.switchboard.transport.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which browser origins may open a websocket: any, when neither {@code same_origin} nor
 * {@code allowed_origins} is set; otherwise the origin must match the request's Host, be in the
 * list (same scheme, host and port), or both. A request without an Origin header is always
 * allowed: only browsers send one, and any other client can send what it likes.
 */
final class OriginPolicy {

    private final boolean sameOrigin;
    private final Map<String, SchemeAndPort> allowed = new HashMap<>();

    private record SchemeAndPort(String scheme, String port) {
    }

    private record HostAndPort(String host, String port) {
    }

    OriginPolicy(boolean sameOrigin, List<String> allowedOrigins) {
        this.sameOrigin = sameOrigin;
        for (String origin : allowedOrigins) {
            try {
                URI uri = new URI(origin);
                if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                    HostAndPort hp = hostAndPort("https".equals(uri.getScheme()), uri.getRawAuthority());
                    allowed.put(hp.host(), new SchemeAndPort(uri.getScheme(), hp.port()));
                }
            } catch (URISyntaxException e) {
                // checked when the settings were read
            }
        }
    }

    /**
     * Null when the origin may connect, else why not, in nats-server's words.
     *
     * @param origin the Origin (or Sec-WebSocket-Origin) header, null when absent
     * @param requestHost the request's Host header
     * @param tls whether the request came over TLS
     */
    String reject(String origin, String requestHost, boolean tls) {
        if ((!sameOrigin && allowed.isEmpty()) || origin == null || origin.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return "parse \"" + origin + "\": invalid URI for request";
        }
        if (uri.getScheme() == null) {
            return "parse \"" + origin + "\": invalid URI for request";
        }
        HostAndPort from = hostAndPort("https".equals(uri.getScheme()),
                uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
        if (sameOrigin && !from.equals(hostAndPort(tls, requestHost == null ? "" : requestHost))) {
            return "not same origin";
        }
        if (!allowed.isEmpty()) {
            SchemeAndPort expected = allowed.get(from.host());
            if (expected == null || !expected.scheme().equals(uri.getScheme()) || !expected.port().equals(from.port())) {
                return "not in the allowed list";
            }
        }
        return null;
    }

    /** Host (lower case) and port of "host[:port]", with the scheme's default port when none is given. */
    private static HostAndPort hostAndPort(boolean tls, String hostPort) {
        String host = hostPort;
        String port = tls ? "443" : "80";
        int colon = hostPort.lastIndexOf(':');
        int bracket = hostPort.lastIndexOf(']');
        if (colon > bracket) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostAndPort(host.toLowerCase(Locale.ROOT), port);
    }
}
