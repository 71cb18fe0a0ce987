package io.switchboard.transport.websocket;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * RFC 6455's opening handshake rules as nats-server applies them, in its order; the first one
 * a request breaks decides the answer.
 */
final class HandshakeCheck {

    /** Why an upgrade is refused: the HTTP status and nats-server's log text. */
    record Refusal(HttpResponseStatus status, String reason) {
    }

    private final OriginPolicy origins;

    HandshakeCheck(OriginPolicy origins) {
        this.origins = origins;
    }

    /** Null when the request may upgrade. */
    Refusal check(HttpRequest request, boolean tls) {
        HttpHeaders headers = request.headers();
        if (!HttpMethod.GET.equals(request.method())) {
            return badRequest(HttpResponseStatus.METHOD_NOT_ALLOWED, "request method must be GET");
        }
        String host = headers.get("Host");
        if (host == null || host.isEmpty()) {
            return badRequest(HttpResponseStatus.BAD_REQUEST, "'Host' missing in request");
        }
        if (!hasToken(headers, "Upgrade", "websocket")) {
            return badRequest(HttpResponseStatus.BAD_REQUEST, "invalid value for header 'Upgrade'");
        }
        if (!hasToken(headers, "Connection", "Upgrade")) {
            return badRequest(HttpResponseStatus.BAD_REQUEST, "invalid value for header 'Connection'");
        }
        String key = headers.get("Sec-WebSocket-Key");
        if (key == null || key.isEmpty()) {
            return badRequest(HttpResponseStatus.BAD_REQUEST, "key missing");
        }
        if (!hasToken(headers, "Sec-WebSocket-Version", "13")) {
            return badRequest(HttpResponseStatus.BAD_REQUEST, "invalid version");
        }
        String origin = headers.get("Origin");
        if (origin == null || origin.isEmpty()) {
            origin = headers.get("Sec-WebSocket-Origin");
        }
        String rejected = origins.reject(origin, host, tls);
        if (rejected != null) {
            return badRequest(HttpResponseStatus.FORBIDDEN, "origin not allowed: " + rejected);
        }
        return null;
    }

    /** Whether any of the header's values holds {@code token} in its comma-separated list, ignoring case. */
    static boolean hasToken(HttpHeaders headers, String name, String token) {
        for (String value : headers.getAll(name)) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Refusal badRequest(HttpResponseStatus status, String reason) {
        return new Refusal(status, reason);
    }
}
