package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.json.Json;

import java.util.Map;

/** An answer to a monitoring request: status, content type and body. */
record Reply(HttpResponseStatus status, String contentType, String body) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JAVASCRIPT = "application/javascript";

    static Reply json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    static Reply json(HttpResponseStatus status, Object value) {
        return new Reply(status, JSON, Json.write(value));
    }

    /** JSON, or with a {@code callback} JSONP: the JSON as the argument of a call to it. */
    static Reply jsonp(HttpResponseStatus status, Object value, String callback) {
        String json = Json.write(value);
        return callback.isEmpty() ? new Reply(status, JSON, json)
                : new Reply(status, JAVASCRIPT, callback + "(" + json + ")");
    }

    /** A request whose options nats-server would refuse: 400 with its text, as it writes it (no newline). */
    static Reply badRequest(String text) {
        return new Reply(HttpResponseStatus.BAD_REQUEST, TEXT, text);
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
