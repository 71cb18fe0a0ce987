package io.switchboard.cluster;

import io.switchboard.core.spi.auth.SubjectRules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cluster { permissions { import, export } }}: what this server takes in from its routes
 * (it announces interest only in importable subjects) and what it sends out (it takes a peer's
 * interest only in exportable subjects). A subject passes when an allowed pattern matches it (no
 * allowed pattern means all) and no denied one does ({@link SubjectRules#permits}).
 */
record RoutePermissions(SubjectRules importing, SubjectRules exporting) {

    static final RoutePermissions NONE = new RoutePermissions(SubjectRules.ALL, SubjectRules.ALL);

    boolean canImport(String subject) {
        return importing.permits(subject);
    }

    boolean canExport(String subject) {
        return exporting.permits(subject);
    }

    /**
     * Whether a message may go out on a route that announced interest in it. Only denials need a
     * look: a peer's wildcard interest that was exported may still cover a denied subject.
     */
    boolean canSend(String subject) {
        return !SubjectRules.matchesAny(exporting.deny(), subject);
    }

    /** The route INFO's {@code import} and {@code export}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!importing.equals(SubjectRules.ALL)) {
            json.put("import", toJson(importing));
        }
        if (!exporting.equals(SubjectRules.ALL)) {
            json.put("export", toJson(exporting));
        }
        return json;
    }

    private static Map<String, Object> toJson(SubjectRules rules) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!rules.allow().isEmpty()) {
            json.put("allow", rules.allow());
        }
        if (!rules.deny().isEmpty()) {
            json.put("deny", rules.deny());
        }
        return json;
    }
}
