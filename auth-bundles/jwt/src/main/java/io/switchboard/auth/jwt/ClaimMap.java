package io.switchboard.auth.jwt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return optionalString(key).orElse("");
    }

    Optional<String> optionalString(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        throw mismatch(key, "a string");
    }

    long number(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw mismatch(key, "an integer");
    }

    boolean flag(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw mismatch(key, "a boolean");
    }

    /** A list of strings; a single string counts as a list of one, as the jwt library's StringList reads it. */
    List<String> strings(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw mismatch(key, "a list of strings");
    }

    List<Object> list(String key) throws InvalidJwtException {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        throw mismatch(key, "a list");
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

    private static InvalidJwtException mismatch(String key, String expected) {
        return new InvalidJwtException("claim \"" + key + "\" is not " + expected);
    }
}
