package io.switchboard.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A NATS header block ({@code NATS/1.0} and {@code name: value} lines), in the order written. */
record NatsHeaders(List<Map.Entry<String, String>> entries) {

    static final NatsHeaders NONE = new NatsHeaders(List.of());
    private static final String VERSION_LINE = "NATS/1.0";

    NatsHeaders {
        entries = List.copyOf(entries);
    }

    static NatsHeaders parse(String block) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        String[] lines = block.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                entries.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        return new NatsHeaders(entries);
    }

    /** The first value of {@code name}, or null. */
    String first(String name) {
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    NatsHeaders with(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(entries);
        more.add(Map.entry(name, value));
        return new NatsHeaders(more);
    }

    /** The entries other than {@code name}'s. */
    NatsHeaders without(String name) {
        return new NatsHeaders(entries.stream().filter(e -> !e.getKey().equalsIgnoreCase(name)).toList());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    byte[] encode() {
        StringBuilder out = new StringBuilder(VERSION_LINE).append("\r\n");
        entries.forEach(e -> out.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n"));
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
