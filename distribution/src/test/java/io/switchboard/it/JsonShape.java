package io.switchboard.it;

import io.nats.client.support.JsonValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the shape of two JSON answers: every field of the reference's, at any depth, must be in
 * the other with the same JSON type (numbers are one type, whatever Go or Java made of them). Each
 * entry of a list must have its match in the other list; maps keyed by names that differ between the
 * two servers (gateway names) are compared by their first values.
 */
final class JsonShape {

    /** Objects whose keys are names of other servers, not field names. */
    private static final Set<String> KEYED_BY_NAME = Set.of("outbound_gateways", "inbound_gateways");

    private JsonShape() {
    }

    /** The differences, one line each as {@code path: what}; empty when {@code ours} has all of {@code reference}. */
    static List<String> missing(JsonValue reference, JsonValue ours) {
        List<String> problems = new ArrayList<>();
        compare("", reference, ours, problems);
        return problems;
    }

    /** The dotted paths of every field of {@code value}, for the record of what was compared. */
    static List<String> fields(JsonValue value) {
        List<String> fields = new ArrayList<>();
        collect("", value, fields);
        return fields;
    }

    private static void compare(String path, JsonValue reference, JsonValue ours, List<String> problems) {
        if (ours == null) {
            problems.add(path + ": missing");
            return;
        }
        if (!kind(reference).equals(kind(ours))) {
            problems.add(path + ": " + kind(ours) + " where nats-server has " + kind(reference));
            return;
        }
        switch (reference.type) {
            case MAP -> {
                if (KEYED_BY_NAME.contains(last(path))) {
                    compareFirst(path + ".*", reference.map.values().iterator(), ours.map.values().iterator(), problems);
                    return;
                }
                for (Map.Entry<String, JsonValue> field : reference.map.entrySet()) {
                    compare(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(),
                            ours.map.get(field.getKey()), problems);
                }
            }
            case ARRAY -> compareEach(path + "[]", reference.array, ours.array, problems);
            default -> {
            }
        }
    }

    /** Each entry of the reference's list must have its shape in some entry of ours: optional fields vary by entry. */
    private static void compareEach(String path, List<JsonValue> reference, List<JsonValue> ours, List<String> problems) {
        for (JsonValue expected : reference) {
            if (ours.isEmpty()) {
                problems.add(path + ": empty where nats-server has entries");
                return;
            }
            if (ours.stream().noneMatch(actual -> missing(expected, actual).isEmpty())) {
                compare(path, expected, ours.get(0), problems);
            }
        }
    }

    private static void compareFirst(String path, Iterator<JsonValue> reference, Iterator<JsonValue> ours,
                                     List<String> problems) {
        if (!reference.hasNext()) {
            return;
        }
        if (!ours.hasNext()) {
            problems.add(path + ": empty where nats-server has entries");
            return;
        }
        compare(path, reference.next(), ours.next(), problems);
    }

    private static void collect(String path, JsonValue value, List<String> fields) {
        if (value.type == JsonValue.Type.MAP) {
            value.map.forEach((key, field) -> {
                String at = path.isEmpty() ? key : path + "." + key;
                fields.add(at);
                collect(at, field, fields);
            });
        } else if (value.type == JsonValue.Type.ARRAY && !value.array.isEmpty()) {
            collect(path + "[0]", value.array.get(0), fields);
        }
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String kind(JsonValue value) {
        return switch (value.type) {
            case INTEGER, LONG, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER -> "number";
            default -> value.type.name();
        };
    }
}
