package io.switchboard.monitor;

import io.switchboard.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a {@code $SYS.REQ} request, as nats-server reads it: the options of the
 * endpoint (those of its HTTP query, under their JSON names) and the filter that picks which servers
 * answer ({@code server_name}, {@code cluster}, {@code host}, {@code tags}).
 */
final class EventOptions {

    /** The JSON names of the endpoints' options that differ from their HTTP query names. */
    private static final Map<String, String> QUERY_NAMES = Map.of(
            "subscriptions", "subs", "account", "acc", "name", "gw_name", "account_name", "acc_name",
            "accounts", "accs", "include_unused", "unused");
    /** nats-server's connection states, as its JSON numbers them. */
    private static final List<String> STATES = List.of("open", "closed", "any");

    private final Map<String, Object> body;

    private EventOptions(Map<String, Object> body) {
        this.body = body;
    }

    /** @throws IllegalArgumentException when the body is not a JSON object */
    static EventOptions parse(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        return new EventOptions(text.isEmpty() ? Map.of() : Json.parseObject(text));
    }

    /** Whether a server of these names may answer: each filter given is a part of its value. */
    boolean selects(ServerIdentity server) {
        return contains("server_name", server.name()) && contains("cluster", server.cluster())
                && contains("host", server.host()) && !(body.get("tags") instanceof List<?> tags && !tags.isEmpty())
                && (!(body.get("domain") instanceof String domain) || domain.isEmpty());
    }

    private boolean contains(String key, String value) {
        return !(body.get(key) instanceof String wanted) || value.contains(wanted);
    }

    /** The endpoint's options as the HTTP endpoint reads them, with {@code extra} on top. */
    Query query(Map<String, String> extra) {
        Map<String, List<String>> parameters = new HashMap<>();
        body.forEach((key, value) -> {
            String name = QUERY_NAMES.getOrDefault(key, key);
            if (key.equals("subscriptions_detail")) {
                if (Boolean.TRUE.equals(value)) {
                    parameters.put("subs", List.of("detail"));
                }
            } else if (key.equals("state") && value instanceof Number state && state.intValue() >= 0
                    && state.intValue() < STATES.size()) {
                parameters.put(name, List.of(STATES.get(state.intValue())));
            } else if (value instanceof Boolean || value instanceof Number || value instanceof String) {
                parameters.putIfAbsent(name, List.of(text(value)));
            }
        });
        extra.forEach((name, value) -> parameters.put(name, List.of(value)));
        return new Query(Request.of(parameters));
    }

    /** The accounts a {@code STATZ} request names. */
    List<String> accounts() {
        return body.get("accounts") instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(Object value) {
        if (value instanceof Double number && number == Math.rint(number)) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }
}
