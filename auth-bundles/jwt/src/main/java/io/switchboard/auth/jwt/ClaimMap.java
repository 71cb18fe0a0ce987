package io.switchboard.auth.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON object of a JWT's claims, read as Go's encoding/json reads NATS claims: an absent
 * field is its zero value (empty, 0, false), and a field of the wrong type makes the JWT invalid.
 */
record ClaimMap(Map<String, Object> fields) {

    static final ClaimMap EMPTY = new ClaimMap(Map.of());

    boolean has(String key) {
        return fields.get(key) != null;
    }

    String string(String key) throws InvalidJwtException {
        return typed(key, String.class, "", "a string");
    }

    long number(String key) throws InvalidJwtException {
        Number n = typed(key, Number.class, 0L, "an integer");
        if (n.doubleValue() != Math.rint(n.doubleValue())) {
            throw mismatch(key, "an integer");
        }
        return n.longValue();
    }

    boolean flag(String key) throws InvalidJwtException {
        return typed(key, Boolean.class, false, "a boolean");
    }

    /** A list of strings; a single string counts as a list of one, as the jwt library's StringList reads it. */
    List<String> strings(String key) throws InvalidJwtException {
        if (fields.get(key) instanceof String text) {
            return List.of(text);
        }
        List<Object> list = list(key);
        if (!list.stream().allMatch(String.class::isInstance)) {
            throw mismatch(key, "a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    List<Object> list(String key) throws InvalidJwtException {
        return new ArrayList<>(typed(key, List.class, List.of(), "a list"));
    }

    ClaimMap map(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return EMPTY;
        }
        return of(value, key);
    }

    /** A nested JSON object as a claim map. */
    @SuppressWarnings("unchecked")
    static ClaimMap of(Object value, String what) throws InvalidJwtException {
        if (value instanceof Map<?, ?> map) {
            return new ClaimMap((Map<String, Object>) map);
        }
        throw new InvalidJwtException(what + " is not a JSON object");
    }

    private <T> T typed(String key, Class<T> type, T absent, String expected) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return absent;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw mismatch(key, expected);
    }

    private static InvalidJwtException mismatch(String key, String expected) {
        return new InvalidJwtException("claim \"" + key + "\" is not " + expected);
    }
}
