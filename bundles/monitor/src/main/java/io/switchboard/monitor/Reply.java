package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.json.Json;

import java.util.Map;

/** An answer to a monitoring request: status, content type and body. */
record Reply(HttpResponseStatus status, String contentType, String body) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    static Reply json(HttpResponseStatus status, Object value) {
        return new Reply(status, JSON, Json.write(value));
    }

    static Reply text(HttpResponseStatus status, String text) {
        return new Reply(status, TEXT, text.endsWith("\n") ? text : text + "\n");
    }

    /** An error, as JSON ({@code {"error": ...}}) or as a line of text, whichever the client asked for. */
    static Reply error(HttpResponseStatus status, String text, boolean asText) {
        return asText ? text(status, text) : json(status, Map.of("error", text));
    }

    /** Go's net/http answer to a path nobody serves, as nats-server gives it. */
    static Reply notFound() {
        return new Reply(HttpResponseStatus.NOT_FOUND, TEXT, "404 page not found\n");
    }
}
