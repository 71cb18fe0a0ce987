package io.switchboard.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One direction of the route permissions: the subjects allowed (none listed means all) and those
 * denied. A subject passes when an allowed pattern matches it and no denied one does. Wildcards
 * in the subject itself are tokens like any other, as in nats-server: the pattern {@code foo.*}
 * passes the subject {@code foo.*}, the pattern {@code foo.bar} does not.
 */
record SubjectPermission(List<String> allow, List<String> deny) {

    SubjectPermission {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    boolean permits(String subject) {
        if (!allow.isEmpty() && allow.stream().noneMatch(pattern -> matches(pattern, subject))) {
            return false;
        }
        return !denies(subject);
    }

    boolean denies(String subject) {
        return deny.stream().anyMatch(pattern -> matches(pattern, subject));
    }

    /** The form nats-server puts in a route INFO's {@code import} and {@code export}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!allow.isEmpty()) {
            json.put("allow", allow);
        }
        if (!deny.isEmpty()) {
            json.put("deny", deny);
        }
        return json;
    }

    static boolean matches(String pattern, String subject) {
        String[] wanted = pattern.split("\\.", -1);
        String[] given = subject.split("\\.", -1);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals(">")) {
                return given.length > i;
            }
            if (i >= given.length || !(wanted[i].equals("*") || wanted[i].equals(given[i]))) {
                return false;
            }
        }
        return wanted.length == given.length;
    }
}
