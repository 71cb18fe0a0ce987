package io.switchboard.core.client;

import io.switchboard.core.json.Json;

import java.util.Map;

/**
 * The options a client sends in CONNECT. Unset options keep nats-server's defaults:
 * verbose, pedantic and echo are on.
 */
record ConnectOptions(boolean verbose, boolean pedantic, boolean echo, boolean headers, boolean noResponders,
                      int protocol, String name, String lang, String version,
                      String user, String pass, String authToken, String nkey, String sig, String jwt) {

    static final ConnectOptions DEFAULTS = new ConnectOptions(true, true, true, false, false, 0,
            "", "", "", null, null, null, null, null, null);

    /** Reads CONNECT's JSON; throws {@link IllegalArgumentException} when it is not a valid object. */
    static ConnectOptions parse(String json) {
        Map<String, Object> m = Json.parseObject(json);
        return new ConnectOptions(
                bool(m, "verbose", true), bool(m, "pedantic", true), bool(m, "echo", true),
                bool(m, "headers", false), bool(m, "no_responders", false),
                m.get("protocol") instanceof Number n ? n.intValue() : 0,
                str(m, "name", ""), str(m, "lang", ""), str(m, "version", ""),
                str(m, "user", null), str(m, "pass", null), str(m, "auth_token", null),
                str(m, "nkey", null), str(m, "sig", null), str(m, "jwt", null));
    }

    private static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("json: cannot unmarshal " + v.getClass().getSimpleName().toLowerCase()
                + " into Go struct field ClientOpts." + key + " of type bool");
    }

    private static String str(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }
}
