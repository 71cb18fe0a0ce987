package io.switchboard.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cluster { permissions { import, export } }}: what this server takes in from its routes
 * (it announces interest only in importable subjects) and what it sends out (it takes a peer's
 * interest only in exportable subjects). Null parts allow everything.
 */
record RoutePermissions(SubjectPermission importing, SubjectPermission exporting) {

    static final RoutePermissions NONE = new RoutePermissions(null, null);

    boolean canImport(String subject) {
        return importing == null || importing.permits(subject);
    }

    boolean canExport(String subject) {
        return exporting == null || exporting.permits(subject);
    }

    /**
     * Whether a message may go out on a route that announced interest in it. Only denials need a
     * look: a peer's wildcard interest that was exported may still cover a denied subject.
     */
    boolean canSend(String subject) {
        return exporting == null || !exporting.denies(subject);
    }

    /** The route INFO's {@code import} and {@code export}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (importing != null) {
            json.put("import", importing.toJson());
        }
        if (exporting != null) {
            json.put("export", exporting.toJson());
        }
        return json;
    }
}
